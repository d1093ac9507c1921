package dev.agentmarketplace.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.qute.Engine;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** What every dashboard template does to the values it shows, whatever the page. */
@QuarkusTest
class DashboardTemplatesIT {
    @Inject
    Engine engine;

    @Test
    @ActivateRequestContext
    void bidiAndControlCharactersAreShownAsCodePointsAndMarkupIsEscaped() {
        String shown = engine.getTemplate("DashboardGuard/refused")
                .data("heading", "Refund\u202Edrow\u202C")
                .data("message", "line one\nline two\u0000<script>alert(1)</script>")
                .render();

        assertThat(shown)
                .contains("RefundU+202EdrowU+202C")
                .contains("line one\nline twoU+0000&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("\u202E")
                .doesNotContain("\u0000")
                .doesNotContain("<script>alert(1)");
    }
}
