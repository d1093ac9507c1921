package dev.agentmarketplace.api.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * A request body is exactly one JSON document (RFC 8259 §2): a key given twice in one object is
 * refused rather than silently overwritten (RFC 8259 §4 leaves duplicates' meaning undefined, so two
 * readers could see two different requests), and anything after the first value (trailing garbage, a
 * second document) is refused rather than ignored. Both become 400 MALFORMED_JSON in ProblemMapper.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
