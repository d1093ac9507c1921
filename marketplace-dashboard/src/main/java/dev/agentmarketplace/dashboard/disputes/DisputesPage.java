package dev.agentmarketplace.dashboard.disputes;

import dev.agentmarketplace.core.DomainException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.NotFoundException;
import dev.agentmarketplace.core.dispute.Dispute;
import dev.agentmarketplace.core.dispute.DisputeDesk;
import dev.agentmarketplace.core.dispute.DisputeId;
import dev.agentmarketplace.core.dispute.DisputeQueuePage;
import dev.agentmarketplace.core.dispute.DisputeStatus;
import dev.agentmarketplace.core.ledger.DisputeOutcome;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionQueries;
import dev.agentmarketplace.core.registry.AgentRegistry;
import dev.agentmarketplace.dashboard.transactions.FormErrors;
import dev.agentmarketplace.dashboard.web.DeregisteredAgents;
import dev.agentmarketplace.dashboard.web.Htmx;
import dev.agentmarketplace.dashboard.web.OperatorAction;
import dev.agentmarketplace.dashboard.web.Staff;
import dev.agentmarketplace.dashboard.web.StaffPage;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The operators' dispute queue (open disputes by the soonest deadline, then resolved ones), one
 * dispute with its evidence, and an operator's decision.
 */
@Path("/dashboard/disputes")
@StaffPage
@Produces(MediaType.TEXT_HTML)
public class DisputesPage {
    static final int PAGE_SIZE = 50;
    private static final DisputeQueuePage NOTHING = new DisputeQueuePage(List.of(), Optional.empty());

    private final DisputeDesk desk;
    private final TransactionQueries queries;
    private final AgentRegistry registry;
    private final Staff staff;
    private final Clock clock;

    DisputesPage(DisputeDesk desk, TransactionQueries queries, AgentRegistry registry, Staff staff, Clock clock) {
        this.desk = desk;
        this.queries = queries;
        this.registry = registry;
        this.staff = staff;
        this.clock = clock;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance queue(
                DisputeQueueFilter filter,
                FormErrors errors,
                DisputeQueuePage page,
                DeregisteredAgents deregistered,
                String error);

        static native TemplateInstance queue$results(
                DisputeQueueFilter filter, DisputeQueuePage page, DeregisteredAgents deregistered, String error);

        static native TemplateInstance detail(DisputeSheet sheet, ResolutionForm form, FormErrors errors, String error);

        static native TemplateInstance missing(String error);
    }

    /** The queue; a bad status is answered 400 beside its field, htmx requests as on the transactions page. */
    @GET
    public Response queue(
            @QueryParam("status") String status, @QueryParam("cursor") String cursor, @Context HttpHeaders headers) {
        DisputeQueueFilter filter = new DisputeQueueFilter(status);
        FormErrors errors = FormErrors.none();
        Optional<DisputeStatus> wanted = filter.read(errors);
        boolean fragment = Htmx.wantsFragment(headers);
        if (!errors.isEmpty()) {
            Response.ResponseBuilder refused = Response.status(Response.Status.BAD_REQUEST);
            if (fragment) {
                refused.header("HX-Redirect", "/dashboard/disputes?" + filter.query());
            }
            return refused.entity(Templates.queue(filter, errors, NOTHING, DeregisteredAgents.NONE, null))
                    .build();
        }
        try {
            DisputeQueuePage page =
                    desk.queue(wanted, Optional.ofNullable(cursor).filter(c -> !c.isBlank()), PAGE_SIZE);
            DeregisteredAgents deregistered = DeregisteredAgents.among(
                    registry,
                    page.disputes().stream().flatMap(dispute -> Stream.of(dispute.payer(), dispute.provider())));
            return Response.ok(
                            fragment
                                    ? Templates.queue$results(filter, page, deregistered, null)
                                    : Templates.queue(filter, errors, page, deregistered, null))
                    .build();
        } catch (InvalidValueException badCursor) {
            String error = "This page link is no longer valid: " + badCursor.getMessage();
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(
                            fragment
                                    ? Templates.queue$results(filter, NOTHING, DeregisteredAgents.NONE, error)
                                    : Templates.queue(filter, errors, NOTHING, DeregisteredAgents.NONE, error))
                    .build();
        }
    }

    @GET
    @Path("/{id}")
    public Response detail(@PathParam("id") String id) {
        Optional<DisputeId> known = disputeId(id);
        if (known.isEmpty()) {
            return notFound();
        }
        try {
            return Response.ok(Templates.detail(sheet(known.get()), ResolutionForm.EMPTY, FormErrors.none(), null))
                    .build();
        } catch (NotFoundException e) {
            return notFound();
        }
    }

    /**
     * An operator's decision; then the dispute again with its resolution (303). Refused fields are
     * shown beside themselves (400): the outcome, the refund (also when the ledger finds it not
     * between zero and the amount) and the note. A dispute already resolved is a 409.
     */
    @POST
    @Path("/{id}/resolution")
    @OperatorAction
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resolve(
            @PathParam("id") String id,
            @FormParam("outcome") String outcome,
            @FormParam("refund") String refund,
            @FormParam("note") String note) {
        Optional<DisputeId> known = disputeId(id);
        if (known.isEmpty()) {
            return notFound();
        }
        ResolutionForm form = new ResolutionForm(outcome, refund, note);
        DisputeSheet sheet;
        try {
            sheet = sheet(known.get());
        } catch (NotFoundException e) {
            return notFound();
        }
        FormErrors errors = FormErrors.none();
        Optional<DisputeOutcome> decided =
                form.read(sheet.transaction().amount().currency(), errors);
        if (decided.isEmpty()) {
            return again(sheet, form, errors, Response.Status.BAD_REQUEST, null);
        }
        try {
            String operator = staff.caller().operatorActor().id();
            desk.resolve(known.get(), operator, decided.get(), form.note());
            return Response.seeOther(
                            URI.create("/dashboard/disputes/" + known.get().value()))
                    .build();
        } catch (InvalidValueException e) {
            errors.add(e.field().startsWith("note") ? "note" : "refund", e);
            return again(sheet, form, errors, Response.Status.BAD_REQUEST, null);
        } catch (DomainException e) {
            if (e.code() == ErrorCode.INVALID_REFUND) {
                errors.add("refund", e.getMessage());
                return again(sheet, form, errors, Response.Status.BAD_REQUEST, null);
            }
            Response.Status status =
                    e instanceof NotFoundException ? Response.Status.NOT_FOUND : Response.Status.CONFLICT;
            return again(sheet(known.get()), form, errors, status, e.getMessage());
        }
    }

    private Response again(
            DisputeSheet sheet, ResolutionForm form, FormErrors errors, Response.Status status, String error) {
        return Response.status(status)
                .entity(Templates.detail(sheet, form, errors, error))
                .build();
    }

    private DisputeSheet sheet(DisputeId id) {
        Dispute dispute = desk.get(id);
        Transaction transaction = queries.get(dispute.transactionId()).transaction();
        return new DisputeSheet(
                dispute, transaction, registry.get(dispute.payer()), registry.get(dispute.provider()), clock.instant());
    }

    private static Optional<DisputeId> disputeId(String raw) {
        try {
            return Optional.of(DisputeId.of(raw));
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }

    /** The id is not repeated: it is whatever the address bar held, control characters included. */
    private static Response notFound() {
        return Response.status(Response.Status.NOT_FOUND)
                .entity(Templates.missing("No dispute has this id."))
                .build();
    }
}
