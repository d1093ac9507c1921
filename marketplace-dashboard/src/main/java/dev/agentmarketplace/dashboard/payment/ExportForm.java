package dev.agentmarketplace.dashboard.payment;

/** The export form's dates as typed (yyyy-MM-dd) and the error beside each, if any. */
public record ExportForm(String from, String to, String fromError, String toError) {
    static ExportForm empty() {
        return new ExportForm("", "", null, null);
    }

    public boolean invalid() {
        return fromError != null || toError != null;
    }
}
