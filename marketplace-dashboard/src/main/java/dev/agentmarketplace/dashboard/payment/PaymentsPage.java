package dev.agentmarketplace.dashboard.payment;

import dev.agentmarketplace.core.DomainException;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.ledger.TransactionId;
import dev.agentmarketplace.core.money.Money;
import dev.agentmarketplace.core.payment.ChainTransaction;
import dev.agentmarketplace.core.payment.ExportVerification;
import dev.agentmarketplace.core.payment.OutboxCursor;
import dev.agentmarketplace.core.payment.Payment;
import dev.agentmarketplace.core.payment.PaymentSettings;
import dev.agentmarketplace.core.payment.SettlementExports;
import dev.agentmarketplace.core.payment.SettlementOutbox;
import dev.agentmarketplace.core.registry.AgentRegistry;
import dev.agentmarketplace.dashboard.web.DeregisteredAgents;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Payments and settlements: the x402 outbox by state, the payments that wait for an operator (outcome
 * unknown, stale without a facilitator) with their reconciliation, the signed export of a date range
 * and the check of an uploaded export. Every rule is the core's ({@link SettlementOutbox},
 * {@link SettlementExports}); this class parses, calls and renders.
 */
@Path("/dashboard/payments")
@StaffPage
public class PaymentsPage {
    static final int PAGE_SIZE = 50;
    /** The largest export the page checks; the platform refuses any larger body before it arrives. */
    static final long MAX_UPLOAD_BYTES = 1024 * 1024;

    private final SettlementOutbox outbox;
    private final SettlementExports exports;
    private final PaymentSettings settings;
    private final AgentRegistry registry;
    private final Staff staff;

    PaymentsPage(
            SettlementOutbox outbox,
            SettlementExports exports,
            PaymentSettings settings,
            AgentRegistry registry,
            Staff staff) {
        this.outbox = outbox;
        this.exports = exports;
        this.settings = settings;
        this.registry = registry;
        this.staff = staff;
    }

    /** Everything the page shows; absent parts are null. */
    public record View(
            OutboxView view,
            List<PaymentRow> rows,
            Optional<String> next,
            boolean facilitatorConfigured,
            String staleAfter,
            ReconcileForm form,
            ExportForm export,
            String uploadError,
            ExportVerification verification,
            String notice,
            String error) {
        public List<OutboxView> views() {
            return Arrays.asList(OutboxView.values());
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance payments(View page);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response payments(@QueryParam("view") String view, @QueryParam("after") String after) {
        OutboxView tab;
        try {
            tab = OutboxView.parse(view);
        } catch (InvalidValueException e) {
            return render(
                    Response.Status.BAD_REQUEST, OutboxView.UNKNOWN, Optional.empty(), Extras.NONE, e.getMessage());
        }
        try {
            Optional<OutboxCursor> cursor = Optional.ofNullable(after).map(OutboxCursor::parse);
            return render(Response.Status.OK, tab, cursor, Extras.NONE, null);
        } catch (InvalidValueException e) {
            return render(Response.Status.BAD_REQUEST, tab, Optional.empty(), Extras.NONE, e.getMessage());
        }
    }

    @POST
    @Path("/{transaction}/settle")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @OperatorAction
    public Response recordSettlement(
            @PathParam("transaction") String transaction,
            @FormParam("chainTransaction") String chainTransaction,
            @FormParam("view") String view) {
        OutboxView tab = tabOrDefault(view);
        String typed = chainTransaction == null ? "" : chainTransaction;
        try {
            Payment settled = outbox.recordSettlement(staff.caller(), TransactionId.of(transaction), typed);
            String notice = "The payment of transaction " + transaction + " is recorded as settled by "
                    + settled.facilitatorTransaction().orElseThrow() + "; the hire is settled.";
            return render(Response.Status.OK, tab, Optional.empty(), Extras.NONE, null, notice);
        } catch (InvalidValueException e) {
            if (ChainTransaction.FIELD.equals(e.field())) {
                ReconcileForm form = new ReconcileForm(transaction, typed, e.getMessage());
                return render(Response.Status.BAD_REQUEST, tab, Optional.empty(), Extras.NONE.withForm(form), null);
            }
            return render(Response.Status.BAD_REQUEST, tab, Optional.empty(), Extras.NONE, e.getMessage());
        } catch (DomainException e) {
            return render(Refusals.statusOf(e), tab, Optional.empty(), Extras.NONE, e.getMessage());
        }
    }

    @POST
    @Path("/{transaction}/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @OperatorAction
    public Response cancel(@PathParam("transaction") String transaction, @FormParam("view") String view) {
        OutboxView tab = tabOrDefault(view);
        try {
            outbox.cancel(staff.caller(), TransactionId.of(transaction));
            String notice = "The payment of transaction " + transaction + " is cancelled; the hire's hold is voided.";
            return render(Response.Status.OK, tab, Optional.empty(), Extras.NONE, null, notice);
        } catch (DomainException e) {
            return render(Refusals.statusOf(e), tab, Optional.empty(), Extras.NONE, e.getMessage());
        }
    }

    /** Streams the signed export of the hires created from {@code from} to {@code to}, both days included (UTC). */
    @GET
    @Path("/export")
    @Produces({"application/zip", MediaType.TEXT_HTML})
    public Response export(@QueryParam("from") String from, @QueryParam("to") String to) {
        Optional<LocalDate> first = date(from);
        Optional<LocalDate> last = date(to);
        String fromError = first.isPresent() ? null : "Enter the first day, as yyyy-mm-dd.";
        String toError = last.isPresent() ? null : "Enter the last day, as yyyy-mm-dd.";
        if (toError == null && fromError == null && last.get().isBefore(first.get())) {
            toError = "The last day must not come before the first.";
        }
        if (fromError != null || toError != null) {
            ExportForm form = new ExportForm(orEmpty(from), orEmpty(to), fromError, toError);
            return render(
                    Response.Status.BAD_REQUEST,
                    OutboxView.UNKNOWN,
                    Optional.empty(),
                    Extras.NONE.withExport(form),
                    null);
        }
        SettlementExports.Export export;
        try {
            export = exports.export(
                    staff.caller(),
                    first.get().atStartOfDay(ZoneOffset.UTC).toInstant(),
                    last.get().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DomainException e) {
            return render(Refusals.statusOf(e), OutboxView.UNKNOWN, Optional.empty(), Extras.NONE, e.getMessage());
        }
        StreamingOutput body = export::writeTo;
        return Response.ok(body, "application/zip")
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"settlement-receipts-" + first.get() + "-to-" + last.get() + ".zip\"")
                .build();
    }

    /** Checks an uploaded export against the platform's signer and shows the result receipt by receipt. */
    @POST
    @Path("/verify")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.TEXT_HTML)
    public Response verify(@RestForm("export") FileUpload upload) {
        if (upload == null || upload.size() == 0) {
            return render(
                    Response.Status.BAD_REQUEST,
                    OutboxView.UNKNOWN,
                    Optional.empty(),
                    Extras.NONE.withUploadError("Choose an export file (a .zip) to check."),
                    null);
        }
        if (upload.size() > MAX_UPLOAD_BYTES) {
            return render(
                    Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    OutboxView.UNKNOWN,
                    Optional.empty(),
                    Extras.NONE.withUploadError("The file is larger than " + MAX_UPLOAD_BYTES / 1024 + " KiB."),
                    null);
        }
        ExportVerification result = exports.verify(staff.caller(), upload.uploadedFile());
        return render(
                Response.Status.OK, OutboxView.UNKNOWN, Optional.empty(), Extras.NONE.withVerification(result), null);
    }

    private Response render(
            Response.Status status, OutboxView tab, Optional<OutboxCursor> after, Extras extras, String error) {
        return render(status, tab, after, extras, error, null);
    }

    private Response render(
            Response.Status status,
            OutboxView tab,
            Optional<OutboxCursor> after,
            Extras extras,
            String error,
            String notice) {
        SettlementOutbox.Page page = tab.state().isPresent()
                ? outbox.inState(staff.caller(), tab.state().get(), after, PAGE_SIZE)
                : outbox.stale(staff.caller(), after, PAGE_SIZE);
        DeregisteredAgents deregistered =
                DeregisteredAgents.among(registry, page.payments().stream().map(Payment::payerAgent));
        List<PaymentRow> rows = page.payments().stream()
                .map(payment -> new PaymentRow(
                        payment,
                        Money.ofMinorUnits(payment.amount(), settings.currency()),
                        deregistered.has(payment.payerAgent())))
                .toList();
        View view = new View(
                tab,
                rows,
                page.nextCursor().map(OutboxCursor::toString),
                outbox.facilitatorConfigured(),
                outbox.staleAfter().toString(),
                extras.form(),
                extras.export(),
                extras.uploadError(),
                extras.verification(),
                notice,
                error);
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.payments(view))
                .build();
    }

    /** What one request adds to the outbox page: a refused form, the export's fields, an upload's outcome. */
    private record Extras(ReconcileForm form, ExportForm export, String uploadError, ExportVerification verification) {
        static final Extras NONE = new Extras(ReconcileForm.NONE, ExportForm.empty(), null, null);

        Extras withForm(ReconcileForm refused) {
            return new Extras(refused, export, uploadError, verification);
        }

        Extras withExport(ExportForm fields) {
            return new Extras(form, fields, uploadError, verification);
        }

        Extras withUploadError(String message) {
            return new Extras(form, export, message, verification);
        }

        Extras withVerification(ExportVerification result) {
            return new Extras(form, export, uploadError, result);
        }
    }

    private static OutboxView tabOrDefault(String view) {
        try {
            return OutboxView.parse(view);
        } catch (InvalidValueException e) {
            return OutboxView.UNKNOWN;
        }
    }

    private static Optional<LocalDate> date(String text) {
        if (text == null || text.isBlank() || text.length() > 10) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
