package dev.agentmarketplace.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.discovery.AgentFilter;
import dev.agentmarketplace.core.discovery.ListedAgent;
import dev.agentmarketplace.core.discovery.ListingPage;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.AgentStatus;
import dev.agentmarketplace.core.registry.Availability;
import dev.agentmarketplace.core.registry.Capability;
import dev.agentmarketplace.core.registry.Metadata;
import dev.agentmarketplace.core.reputation.ReputationSummary;
import dev.agentmarketplace.dashboard.agents.AgentsFilterForm;
import io.quarkus.qute.Engine;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The agents list's results fragment (what htmx swaps in) rendered straight from the template with
 * empty and with full data, without a database behind it.
 */
@QuarkusTest
class AgentsTemplatesIT {
    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");
    private static final Pattern ROW = Pattern.compile("<tr data-agent-id=");

    @Inject
    Engine engine;

    private String results(AgentsFilterForm.Parsed form, ListingPage page) {
        return engine.getTemplate("AgentsPage/list")
                .getFragment("results")
                .data("form", form)
                .data("page", page)
                .data("error", null)
                .render();
    }

    private static AgentsFilterForm.Parsed form(String capability, Set<AgentStatus> statuses) {
        return new AgentsFilterForm.Parsed(
                capability, statuses, "", "", "", Optional.of(AgentFilter.ALL), Optional.empty(), Map.of());
    }

    private static ListedAgent listed(String id, String name, AgentStatus status, Double score) {
        Agent agent = new Agent(
                AgentId.of(id),
                name,
                "owner",
                new TreeSet<>(List.of(Capability.of("code review"))),
                Money.of("2.50", "EUR"),
                RegistryFixture.WALLET,
                Availability.ONLINE,
                NOW,
                7,
                Metadata.EMPTY,
                NOW,
                status == AgentStatus.DEREGISTERED ? Optional.of(NOW) : Optional.empty(),
                0);
        return new ListedAgent(
                agent,
                status,
                score == null
                        ? Optional.empty()
                        : Optional.of(new ReputationSummary(AgentId.of(id), score, score - 0.5, 10, NOW)));
    }

    @Test
    void emptyPageWithoutFilterSaysNoAgentIsRegistered() {
        String html = results(form("", Set.of()), new ListingPage(List.of(), Optional.empty()));

        assertThat(html).contains("No agents are registered yet.").doesNotContain("<table", "rel=\"next\"");
    }

    @Test
    void emptyPageOfAFilterSaysNothingMatches() {
        String html = results(form("rust", Set.of()), new ListingPage(List.of(), Optional.empty()));

        assertThat(html).contains("No agent matches this filter.").doesNotContain("No agents are registered yet.");
    }

    @Test
    void fullPageShowsEveryRowItsStatusAndANextLinkKeepingTheFilter() {
        List<ListedAgent> rows = new ArrayList<>();
        for (int i = 0; i < 199; i++) {
            rows.add(listed("agent-%03d".formatted(i), "Agent " + i, AgentStatus.ONLINE, 4.25));
        }
        rows.add(listed("agent-199", "<b>Gone</b> & \u00e9", AgentStatus.DEREGISTERED, null));

        String html = results(
                form("code review", EnumSet.of(AgentStatus.ONLINE, AgentStatus.DEREGISTERED)),
                new ListingPage(rows, Optional.of(AgentId.of("agent-199"))));

        assertThat(ROW.matcher(html).results().count()).isEqualTo(200);
        assertThat(html)
                .contains("<td class=\"number reputation\">4.25</td>")
                .contains("<td class=\"number price\">2.50 EUR</td>")
                .contains("<tr data-agent-id=\"agent-199\" class=\"deregistered\">")
                .contains("<span class=\"status status-deregistered\">DEREGISTERED</span>")
                .contains("<span class=\"unrated\">unrated</span>")
                .contains("&lt;b&gt;Gone&lt;/b&gt; &amp; \u00e9")
                .doesNotContain("<b>Gone</b>")
                .contains("href=\"/dashboard/agents?capability=code+review&amp;status=ONLINE&amp;status=DEREGISTERED"
                        + "&amp;after=agent-199\"")
                .contains("hx-push-url=\"true\"");
    }
}
