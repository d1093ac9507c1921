package dev.agentmarketplace.dashboard.ledger;

import dev.agentmarketplace.core.DomainException;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.ledger.AccountBalance;
import dev.agentmarketplace.core.ledger.JournalBook;
import dev.agentmarketplace.core.ledger.JournalHead;
import dev.agentmarketplace.core.ledger.JournalVerifier.SegmentVerification;
import dev.agentmarketplace.dashboard.payment.Refusals;
import dev.agentmarketplace.dashboard.web.Staff;
import dev.agentmarketplace.dashboard.web.StaffPage;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;

/**
 * The ledger: every account's balance a page at a time (from the core's rollup), the head of the
 * journal's hash chain, and its verification as an explicit action, a bounded segment per press that
 * the next press continues.
 */
@Path("/dashboard/ledger")
@StaffPage
public class LedgerPage {
    static final int PAGE_SIZE = 50;
    /** Entries one press of "Verify chain" walks: a second or two of hashing. */
    static final int VERIFY_STEP = 20_000;

    private final JournalBook book;
    private final Staff staff;

    LedgerPage(JournalBook book, Staff staff) {
        this.book = book;
        this.staff = staff;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance ledger(
                List<AccountBalance> balances,
                Optional<String> next,
                JournalHead head,
                SegmentVerification verification,
                String verifyError,
                String error);

        static native TemplateInstance ledger$verification(SegmentVerification verification, String verifyError);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response ledger(@QueryParam("after") String after) {
        try {
            Optional<AccountBalance.Cursor> cursor = Optional.ofNullable(after).map(AccountBalance.Cursor::parse);
            return page(Response.Status.OK, cursor, null, null, null);
        } catch (InvalidValueException e) {
            return page(Response.Status.BAD_REQUEST, Optional.empty(), null, null, e.getMessage());
        }
    }

    /**
     * Verifies the next segment of the chain after {@code fromSequence}/{@code fromHash} (the
     * genesis when absent); an htmx request gets the result alone, in place.
     */
    @POST
    @Path("/verify")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response verify(
            @FormParam("fromSequence") String fromSequence,
            @FormParam("fromHash") String fromHash,
            @HeaderParam("HX-Request") String htmx) {
        SegmentVerification result = null;
        String problem = null;
        Response.Status status = Response.Status.OK;
        try {
            result = book.verify(staff.caller(), start(fromSequence, fromHash), VERIFY_STEP);
        } catch (DomainException e) {
            problem = e.getMessage();
            status = Refusals.statusOf(e);
        }
        if ("true".equals(htmx)) {
            return Response.status(status)
                    .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(Templates.ledger$verification(result, problem))
                    .build();
        }
        return page(status, Optional.empty(), result, problem, null);
    }

    private static JournalHead start(String sequence, String hash) {
        if ((sequence == null || sequence.isBlank()) && (hash == null || hash.isBlank())) {
            return JournalHead.GENESIS;
        }
        try {
            return JournalHead.of(Long.parseLong(sequence == null ? "" : sequence.strip()), hash);
        } catch (NumberFormatException e) {
            throw new InvalidValueException("from", "must be an entry's sequence (0 or more) and its hash");
        }
    }

    private Response page(
            Response.Status status,
            Optional<AccountBalance.Cursor> after,
            SegmentVerification verification,
            String verifyError,
            String error) {
        JournalBook.Page page = book.balances(staff.caller(), after, PAGE_SIZE);
        JournalHead head = book.head(staff.caller());
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.ledger(
                        page.balances(),
                        page.nextCursor().map(AccountBalance.Cursor::toString),
                        head,
                        verification,
                        verifyError,
                        error))
                .build();
    }
}
