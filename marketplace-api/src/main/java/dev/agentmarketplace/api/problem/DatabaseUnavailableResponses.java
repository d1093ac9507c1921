package dev.agentmarketplace.api.problem;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Every operation of the API can meet a database it cannot reach, so the 503 {@link ProblemMapper}
 * answers then is documented once, here, on every operation under {@code /api/}, rather than in
 * each resource. An operation that already documents a 503 of its own gets this one added to it.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class DatabaseUnavailableResponses implements OASFilter {
    static final String DESCRIPTION = "DATABASE_UNAVAILABLE: the database cannot be reached (an outage, a restart);"
            + " retry after Retry-After seconds. A request sent with an Idempotency-Key is safe to retry with the"
            + " same key, whether or not it took effect: the retry replays the committed answer or runs once.";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith("/api/") || item.getOperations() == null) {
                return;
            }
            item.getOperations().values().forEach(operation -> {
                APIResponses responses = operation.getResponses();
                if (responses == null) {
                    return;
                }
                APIResponse own = responses.getAPIResponse("503");
                if (own == null) {
                    responses.addAPIResponse("503", unavailable());
                } else if (own.getDescription() == null || !own.getDescription().contains("DATABASE_UNAVAILABLE")) {
                    own.setDescription(
                            (own.getDescription() == null ? "" : own.getDescription() + "; or ") + DESCRIPTION);
                    own.addHeader("Retry-After", retryAfter());
                }
            });
        });
    }

    private static APIResponse unavailable() {
        return OASFactory.createAPIResponse()
                .description(DESCRIPTION)
                .addHeader("Retry-After", retryAfter())
                .content(OASFactory.createContent()
                        .addMediaType(
                                Problem.MEDIA_TYPE,
                                OASFactory.createMediaType()
                                        .schema(OASFactory.createSchema().ref("Problem"))));
    }

    private static org.eclipse.microprofile.openapi.models.headers.Header retryAfter() {
        return OASFactory.createHeader()
                .description("Seconds to wait before retrying")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER));
    }
}
