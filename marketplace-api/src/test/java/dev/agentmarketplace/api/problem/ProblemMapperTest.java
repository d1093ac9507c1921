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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProblemMapperTest {

    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, mode = EnumSource.Mode.EXCLUDE, names = "FACILITATOR_UNAVAILABLE")
    void everyDomainCodeIsAClientErrorWithATitleAndAType(ErrorCode code) {
        assertThat(ProblemMapper.statusOf(code)).isBetween(400, 499);
        assertThat(ProblemMapper.titleOf(code)).isNotBlank();
        assertThat(ProblemMapper.typeOf(code)).matches("/problems/[a-z-]+");
    }

    @Test
    void anUnreachableFacilitatorIsTheServiceBeingUnavailableNotTheClientsFault() {
        assertThat(ProblemMapper.statusOf(ErrorCode.FACILITATOR_UNAVAILABLE)).isEqualTo(503);
        assertThat(ProblemMapper.titleOf(ErrorCode.FACILITATOR_UNAVAILABLE)).isNotBlank();
    }

    @Test
    void paymentCodesMapToTheirStatuses() {
        assertThat(ProblemMapper.statusOf(ErrorCode.PAYMENT_REQUIRED)).isEqualTo(402);
        assertThat(ProblemMapper.statusOf(ErrorCode.PAYMENT_NOT_ACCEPTED)).isEqualTo(422);
        assertThat(ProblemMapper.statusOf(ErrorCode.PAYMENT_IN_PROGRESS)).isEqualTo(409);
        assertThat(ProblemMapper.statusOf(ErrorCode.RECEIPT_NOT_FOUND)).isEqualTo(404);
        assertThat(ProblemMapper.statusOf(ErrorCode.PAYMENT_NOT_FOUND)).isEqualTo(404);
    }

    @Test
    void registryCodesMapToTheirStatuses() {
        assertThat(ProblemMapper.statusOf(ErrorCode.INVALID_VALUE)).isEqualTo(400);
        assertThat(ProblemMapper.statusOf(ErrorCode.AGENT_NOT_FOUND)).isEqualTo(404);
        assertThat(ProblemMapper.statusOf(ErrorCode.AGENT_ALREADY_REGISTERED)).isEqualTo(409);
        assertThat(ProblemMapper.statusOf(ErrorCode.AGENT_DEREGISTERED)).isEqualTo(409);
        assertThat(ProblemMapper.statusOf(ErrorCode.CONCURRENT_MODIFICATION)).isEqualTo(409);
        assertThat(ProblemMapper.statusOf(ErrorCode.BULK_REJECTED)).isEqualTo(422);
    }

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
