package dev.agentmarketplace.api.registry;

import dev.agentmarketplace.core.InvalidValueException;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import java.net.URI;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * An agent's version as an HTTP entity tag (RFC 9110 §8.8.3), so that If-Match (§13.1.1) guards
 * a change against one made since the client read the agent.
 */
final class Versions {
    private static final Pattern STRONG_TAG = Pattern.compile("\"(\\d{1,18})\"");

    private Versions() {}

    static RestResponse<AgentView> ok(AgentView agent) {
        return RestResponse.ResponseBuilder.ok(agent).tag(tagOf(agent)).build();
    }

    static RestResponse<AgentView> created(URI location, AgentView agent) {
        return RestResponse.ResponseBuilder.<AgentView>created(location)
                .entity(agent)
                .tag(tagOf(agent))
                .build();
    }

    /**
     * The version an If-Match header asks for; none without the header or for {@code *} (any
     * current version, and an agent that exists always has one).
     */
    static OptionalLong expected(String ifMatch) {
        if (ifMatch == null || ifMatch.strip().equals("*")) {
            return OptionalLong.empty();
        }
        Matcher tag = STRONG_TAG.matcher(ifMatch.strip());
        if (!tag.matches()) {
            throw new InvalidValueException(
                    HttpHeaders.IF_MATCH, "must be the agent's ETag, a version in double quotes like \"3\"");
        }
        return OptionalLong.of(Long.parseLong(tag.group(1)));
    }

    private static EntityTag tagOf(AgentView agent) {
        return new EntityTag(Long.toString(agent.version()));
    }
}
