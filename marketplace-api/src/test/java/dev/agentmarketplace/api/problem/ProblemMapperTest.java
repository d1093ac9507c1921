package dev.agentmarketplace.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.NotFoundException;
import dev.agentmarketplace.core.registry.AgentId;
import dev.agentmarketplace.core.registry.BulkItemError;
import dev.agentmarketplace.core.registry.BulkRejectedException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemMapperTest {

    @Test
    void invalidValueNamesItsField() {
        assertThat(ProblemMapper.fieldErrors(new InvalidValueException("limit", "must be positive")))
                .containsExactly(new Problem.FieldError("limit", "limit: must be positive"));
    }

    @Test
    void rejectedBulkRequestNamesEachRefusedItem() {
        BulkRejectedException rejected = new BulkRejectedException(
                "bulk registration",
                3,
                List.of(
                        new BulkItemError(0, AgentId.of("a"), ErrorCode.INVALID_VALUE, "capacityPerHour: too low"),
                        new BulkItemError(2, AgentId.of("c"), ErrorCode.AGENT_ALREADY_REGISTERED, "taken")));

        assertThat(ProblemMapper.fieldErrors(rejected))
                .containsExactly(
                        new Problem.FieldError("items[0]", "a: INVALID_VALUE: capacityPerHour: too low"),
                        new Problem.FieldError("items[2]", "c: AGENT_ALREADY_REGISTERED: taken"));
    }

    @Test
    void otherDomainErrorsCarryNoFieldErrors() {
        assertThat(ProblemMapper.fieldErrors(new NotFoundException(ErrorCode.AGENT_NOT_FOUND, "no agent")))
                .isNull();
    }
}
