package dev.agentmarketplace.dashboard.transactions;

import dev.agentmarketplace.core.DomainException;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.NotFoundException;
import dev.agentmarketplace.core.dispute.DisputeDesk;
import dev.agentmarketplace.core.ledger.Actor;
import dev.agentmarketplace.core.ledger.Ledger;
import dev.agentmarketplace.core.ledger.LedgerMove;
import dev.agentmarketplace.core.ledger.Transaction;
import dev.agentmarketplace.core.ledger.TransactionDetails;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.ledger.TransactionPage;
import dev.agentmarketplace.core.ledger.TransactionQueries;
import dev.agentmarketplace.core.payment.PaidHire;
import dev.agentmarketplace.core.payment.PaidHiring;
import dev.agentmarketplace.core.payment.SettlementReceipts;
import dev.agentmarketplace.core.registry.AgentRegistry;
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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The operators' transactions: a filtered list, newest first, a cursor page at a time; one
 * transaction in full; and the moves the ledger allows an operator to make on it.
 */
@Path("/dashboard/transactions")
@StaffPage
@Produces(MediaType.TEXT_HTML)
public class TransactionsPage {
    static final int PAGE_SIZE = 50;
    private static final TransactionPage NOTHING = new TransactionPage(List.of(), Optional.empty());

    private final TransactionQueries queries;
    private final Ledger ledger;
    private final PaidHiring hiring;
    private final SettlementReceipts receipts;
    private final DisputeDesk desk;
    private final AgentRegistry registry;
    private final Staff staff;

    TransactionsPage(
            TransactionQueries queries,
            Ledger ledger,
            PaidHiring hiring,
            SettlementReceipts receipts,
            DisputeDesk desk,
            AgentRegistry registry,
            Staff staff) {
        this.queries = queries;
        this.ledger = ledger;
        this.hiring = hiring;
        this.receipts = receipts;
        this.desk = desk;
        this.registry = registry;
        this.staff = staff;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(
                TransactionSearch search,
                FormErrors errors,
                TransactionPage page,
                DeregisteredAgents deregistered,
                String error);

        static native TemplateInstance list$results(
                TransactionSearch search, TransactionPage page, DeregisteredAgents deregistered, String error);

        static native TemplateInstance detail(TransactionSheet sheet, FormErrors errors, String error);

        static native TemplateInstance missing(String error);
    }

    /**
     * The list. A bad filter value is answered 400 with the message beside its field. An htmx request
     * gets only the results; one with a bad filter is sent to the whole page (htmx swaps nothing of a
     * 4xx answer, but follows its HX-Redirect), where the messages stand beside the fields.
     */
    @GET
    public Response list(
            @QueryParam("agent") String agent,
            @QueryParam("role") String role,
            @QueryParam("state") String state,
            @QueryParam("capability") String capability,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("cursor") String cursor,
            @Context HttpHeaders headers) {
        TransactionSearch search = new TransactionSearch(agent, role, state, capability, from, to);
        TransactionSearch.Read read = search.read();
        boolean fragment = Htmx.wantsFragment(headers);
        if (read.filter().isEmpty()) {
            Response.ResponseBuilder refused = Response.status(Response.Status.BAD_REQUEST);
            if (fragment) {
                refused.header("HX-Redirect", "/dashboard/transactions?" + search.query());
            }
            return refused.entity(Templates.list(search, read.errors(), NOTHING, DeregisteredAgents.NONE, null))
                    .build();
        }
        try {
            TransactionPage page = queries.recent(
                    read.filter().get(), Optional.ofNullable(cursor).filter(c -> !c.isBlank()), PAGE_SIZE);
            DeregisteredAgents deregistered = DeregisteredAgents.among(
                    registry, page.transactions().stream().flatMap(tx -> Stream.of(tx.payer(), tx.provider())));
            return Response.ok(
                            fragment
                                    ? Templates.list$results(search, page, deregistered, null)
                                    : Templates.list(search, read.errors(), page, deregistered, null))
                    .build();
        } catch (InvalidValueException badCursor) {
            String error = "This page link is no longer valid: " + badCursor.getMessage();
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(
                            fragment
                                    ? Templates.list$results(search, NOTHING, DeregisteredAgents.NONE, error)
                                    : Templates.list(search, read.errors(), NOTHING, DeregisteredAgents.NONE, error))
                    .build();
        }
    }

    @GET
    @Path("/{id}")
    public Response detail(@PathParam("id") String id) {
        Optional<TransactionId> known = transactionId(id);
        if (known.isEmpty()) {
            return notFound();
        }
        try {
            return Response.ok(Templates.detail(sheet(known.get()), FormErrors.none(), null))
                    .build();
        } catch (NotFoundException e) {
            return notFound();
        }
    }

    @POST
    @Path("/{id}/settlement")
    @OperatorAction
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response settle(@PathParam("id") String id, @FormParam("reference") String reference) {
        Optional<String> given =
                Optional.ofNullable(reference).map(String::strip).filter(r -> !r.isEmpty());
        return move(id, transaction -> ledger.settle(transaction, operator(), given));
    }

    @POST
    @Path("/{id}/cancellation")
    @OperatorAction
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response cancel(@PathParam("id") String id) {
        return move(id, transaction -> ledger.cancel(transaction, operator()));
    }

    /**
     * Makes a move and shows the transaction again (303, so a reload does not repeat it). A refused
     * value is shown beside its field (400); a move the ledger refuses, with its message (409, 404).
     */
    private Response move(String id, Function<TransactionId, Transaction> making) {
        Optional<TransactionId> known = transactionId(id);
        if (known.isEmpty()) {
            return notFound();
        }
        TransactionId transaction = known.get();
        try {
            making.apply(transaction);
            return Response.seeOther(URI.create("/dashboard/transactions/" + transaction.value()))
                    .build();
        } catch (NotFoundException e) {
            return notFound();
        } catch (InvalidValueException e) {
            FormErrors errors = FormErrors.none();
            errors.add("reference", e);
            return again(transaction, Response.Status.BAD_REQUEST, errors, null);
        } catch (DomainException e) {
            return again(transaction, Response.Status.CONFLICT, FormErrors.none(), e.getMessage());
        }
    }

    private Response again(TransactionId id, Response.Status status, FormErrors errors, String error) {
        return Response.status(status)
                .entity(Templates.detail(sheet(id), errors, error))
                .build();
    }

    private TransactionSheet sheet(TransactionId id) {
        TransactionDetails details = queries.get(id);
        Transaction tx = details.transaction();
        Set<LedgerMove> allowed = staff.canChange() ? ledger.allowedMoves(id, operator()) : Set.of();
        return new TransactionSheet(
                details,
                registry.get(tx.payer()),
                registry.get(tx.provider()),
                hiring.find(id).map(PaidHire::payment),
                receipts.find(tx),
                desk.ofTransaction(id),
                allowed);
    }

    /** The journal records the signed-in operator as the one who moved it; the core refuses a non-operator. */
    private Actor operator() {
        return staff.caller().operatorActor();
    }

    private static Optional<TransactionId> transactionId(String raw) {
        try {
            return Optional.of(TransactionId.of(raw));
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }

    /** The id is not repeated: it is whatever the address bar held, control characters included. */
    private static Response notFound() {
        return Response.status(Response.Status.NOT_FOUND)
                .entity(Templates.missing("No transaction has this id."))
                .build();
    }
}
