package dev.agentmarketplace.dashboard.overview;

import dev.agentmarketplace.core.market.MarketOverview;
import dev.agentmarketplace.dashboard.web.Htmx;
import dev.agentmarketplace.dashboard.web.StaffPage;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * The market overview. The page polls itself every 10 s through htmx; such a request (header {@code
 * HX-Request}) gets only the {@code live} fragment, which replaces the figures and charts; htmx
 * restoring its history gets the whole page ({@link Htmx#wantsFragment}).
 */
@Path("/dashboard")
@StaffPage
public class OverviewPage {
    private final MarketOverview overview;

    OverviewPage(MarketOverview overview) {
        this.overview = overview;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance overview(OverviewView view);

        static native TemplateInstance overview$live(OverviewView view);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance overview(@Context HttpHeaders headers) {
        OverviewView view = OverviewView.of(overview.snapshot());
        return Htmx.wantsFragment(headers) ? Templates.overview$live(view) : Templates.overview(view);
    }
}
