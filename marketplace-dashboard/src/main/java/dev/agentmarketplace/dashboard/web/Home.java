package dev.agentmarketplace.dashboard.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The platform's address opens the dashboard. */
@Path("/")
public class Home {
    @GET
    public Response home() {
        return Response.seeOther(URI.create("/dashboard")).build();
    }
}
