package dev.agentmarketplace.dashboard.web;

import jakarta.ws.rs.core.HttpHeaders;

/** How a page tells an htmx request for a part of it from a request for the whole page. */
public final class Htmx {
    private Htmx() {}

    /**
     * Whether htmx asked for a part of the page. htmx restoring its history after the back button
     * asks for the whole page again (historyCacheSize is 0), so that request gets the whole page.
     */
    public static boolean wantsFragment(HttpHeaders headers) {
        return "true".equals(headers.getHeaderString("HX-Request"))
                && !"true".equals(headers.getHeaderString("HX-History-Restore-Request"));
    }
}
