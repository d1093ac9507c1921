package dev.agentmarketplace.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProblemCodeTest {

    /**
     * Golden test: every row of the one table, as {@code CODE status type title}. A changed status,
     * title or type, a new code or a removed one shows as a diff of problem-codes.golden.
     */
    @Test
    void everyRowOfTheTableIsPinned() throws IOException {
        List<String> rows = Arrays.stream(ProblemCode.values())
                .map(code -> code.name() + " " + code.status() + " " + code.type() + " " + code.title())
                .toList();
        try (InputStream golden = getClass().getResourceAsStream("/problem/problem-codes.golden")) {
            assertThat(golden).as("problem-codes.golden").isNotNull();
            List<String> pinned = new String(golden.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .toList();
            assertThat(rows).containsExactlyElementsOf(pinned);
        }
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyDomainCodeHasARowOfTheSameName(ErrorCode code) {
        assertThat(ProblemCode.of(code).name()).isEqualTo(code.name());
    }

    @Test
    void bareStatusesOfTheHttpLayerHaveTheirOwnCodes() {
        assertThat(ProblemCode.ofStatus(404)).isEqualTo(ProblemCode.NOT_FOUND);
        assertThat(ProblemCode.ofStatus(405)).isEqualTo(ProblemCode.METHOD_NOT_ALLOWED);
        assertThat(ProblemCode.ofStatus(406)).isEqualTo(ProblemCode.NOT_ACCEPTABLE);
        assertThat(ProblemCode.ofStatus(413)).isEqualTo(ProblemCode.REQUEST_TOO_LARGE);
        assertThat(ProblemCode.ofStatus(414)).isEqualTo(ProblemCode.URI_TOO_LONG);
        assertThat(ProblemCode.ofStatus(415)).isEqualTo(ProblemCode.UNSUPPORTED_MEDIA_TYPE);
        assertThat(ProblemCode.ofStatus(431)).isEqualTo(ProblemCode.HEADER_FIELDS_TOO_LARGE);
        assertThat(ProblemCode.ofStatus(400)).isEqualTo(ProblemCode.BAD_REQUEST);
        assertThat(ProblemCode.ofStatus(418)).isEqualTo(ProblemCode.BAD_REQUEST);
        assertThat(ProblemCode.ofStatus(500)).isEqualTo(ProblemCode.INTERNAL_ERROR);
    }

    @Test
    void everyStatusOfARowMatchesItsProblem() {
        for (ProblemCode code : ProblemCode.values()) {
            Problem problem = code.problem("d", "/x");
            assertThat(problem.status()).isEqualTo(code.status());
            assertThat(problem.code()).isEqualTo(code.name());
            assertThat(problem.type()).matches("/problems/[a-z0-9-]+");
        }
    }
}
