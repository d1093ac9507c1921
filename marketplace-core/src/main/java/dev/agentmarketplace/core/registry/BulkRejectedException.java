package dev.agentmarketplace.core.registry;

import dev.agentmarketplace.core.DomainException;
import dev.agentmarketplace.core.ErrorCode;
import java.util.List;

/**
 * A bulk request refused as a whole (issue 3: all-or-nothing): nothing was written, and {@link
 * #errors()} says which items were at fault and why.
 */
public final class BulkRejectedException extends DomainException {
    private final List<BulkItemError> errors;

    public BulkRejectedException(String operation, int batchSize, List<BulkItemError> errors) {
        super(ErrorCode.BULK_REJECTED, summary(operation, batchSize, errors));
        this.errors = List.copyOf(errors);
    }

    public List<BulkItemError> errors() {
        return errors;
    }

    private static String summary(String operation, int batchSize, List<BulkItemError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a rejected batch names at least one faulty item");
        }
        return operation + " rejected, nothing was written: " + errors.size() + " of " + batchSize
                + " items refused, first " + errors.getFirst();
    }
}
