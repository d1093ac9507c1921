package dev.agentmarketplace.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem detail. {@code code} is the domain's stable error code (an extension member
 * per RFC 9457 §3.2) so clients can branch without parsing prose; {@code errors} lists the offending
 * fields of invalid input.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        @Schema(description = "URI reference identifying the problem type", examples = "/problems/agent-not-found")
        String type,

        @Schema(description = "Short summary of the problem type", examples = "Agent not found")
        String title,

        @Schema(description = "HTTP status code", examples = "404")
        int status,

        @Schema(description = "What went wrong in this occurrence", examples = "no agent has id 'ghost'")
        String detail,

        @Schema(description = "The request path that failed", examples = "/api/v1/agents/ghost")
        String instance,

        @Schema(
                description = "Stable machine-readable error code: a domain code (AGENT_NOT_FOUND,"
                        + " INVALID_VALUE...) or one of the HTTP layer (MALFORMED_JSON, NOT_FOUND,"
                        + " METHOD_NOT_ALLOWED, NOT_ACCEPTABLE, UNSUPPORTED_MEDIA_TYPE, REQUEST_TOO_LARGE,"
                        + " URI_TOO_LONG, HEADER_FIELDS_TOO_LARGE, BAD_REQUEST, INTERNAL_ERROR...)",
                examples = "AGENT_NOT_FOUND")
        String code,

        @Schema(description = "Offending input fields") List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid input field and the rule it broke. */
    public record FieldError(String field, String message) {}
}
