package dev.agentmarketplace.api;

import dev.agentmarketplace.api.admin.ClientView;
import dev.agentmarketplace.api.admin.CreateClientRequest;
import dev.agentmarketplace.api.admin.TokenView;
import dev.agentmarketplace.api.discovery.CapabilityAnalyticsView;
import dev.agentmarketplace.api.discovery.RecommendationView;
import dev.agentmarketplace.api.discovery.RecommendationsView;
import dev.agentmarketplace.api.discovery.SearchHitView;
import dev.agentmarketplace.api.discovery.SelectionView;
import dev.agentmarketplace.api.disputes.DisputeOutcomeKind;
import dev.agentmarketplace.api.disputes.DisputeView;
import dev.agentmarketplace.api.disputes.EvidenceKind;
import dev.agentmarketplace.api.disputes.EvidenceRequest;
import dev.agentmarketplace.api.disputes.OpenDisputeRequest;
import dev.agentmarketplace.api.disputes.ResolveDisputeRequest;
import dev.agentmarketplace.api.http.Amount;
import dev.agentmarketplace.api.http.CursorPage;
import dev.agentmarketplace.api.ledger.BalanceView;
import dev.agentmarketplace.api.ledger.VerificationView;
import dev.agentmarketplace.api.payment.PaidHireBody;
import dev.agentmarketplace.api.payment.PaidHireView;
import dev.agentmarketplace.api.payment.PaymentView;
import dev.agentmarketplace.api.payment.RecordSettlementRequest;
import dev.agentmarketplace.api.problem.Problem;
import dev.agentmarketplace.api.registry.AdjustmentRequest;
import dev.agentmarketplace.api.registry.AgentListView;
import dev.agentmarketplace.api.registry.AgentPageView;
import dev.agentmarketplace.api.registry.AgentView;
import dev.agentmarketplace.api.registry.AvailabilityRequest;
import dev.agentmarketplace.api.registry.BulkRegisterRequest;
import dev.agentmarketplace.api.registry.BulkUpdateRequest;
import dev.agentmarketplace.api.registry.CapabilitiesRequest;
import dev.agentmarketplace.api.registry.CapacityRequest;
import dev.agentmarketplace.api.registry.FeedbackRequest;
import dev.agentmarketplace.api.registry.MetadataRequest;
import dev.agentmarketplace.api.registry.RegisterAgentRequest;
import dev.agentmarketplace.api.registry.ReputationEventView;
import dev.agentmarketplace.api.registry.ReputationView;
import dev.agentmarketplace.api.transactions.HireTransactionRequest;
import dev.agentmarketplace.api.transactions.SettleTransactionRequest;
import dev.agentmarketplace.api.transactions.TransactionDetailsView;
import dev.agentmarketplace.api.transactions.TransactionView;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Every JSON shape of the API, registered for reflection so that Jackson can read and write it in a
 * native executable. Quarkus REST registers the types a resource method declares on its own, but not
 * what it hides: an entity inside a {@code Response} (a 201 with its {@code Location}, every RFC 9457
 * {@code Problem} of the exception mapper, an issued token, a paid hire), a line of the NDJSON export
 * or an idempotent answer written by the {@code ObjectMapper} itself. So the whole set is listed here,
 * once. {@code ReflectiveJsonTest} fails when a record of the API's JSON (a {@code *View},
 * {@code *Request}, {@code *Body}, {@code Problem}, {@code CursorPage} and every type they hold) is
 * missing, or when a listed one is no longer such a record.
 */
@RegisterForReflection(
        targets = {
            ClientView.class,
            CreateClientRequest.class,
            TokenView.class,
            CapabilityAnalyticsView.class,
            CapabilityAnalyticsView.PriceSpreadView.class,
            CapabilityAnalyticsView.VolumeView.class,
            RecommendationView.class,
            RecommendationsView.class,
            SearchHitView.class,
            SearchHitView.ReputationView.class,
            SelectionView.class,
            DisputeOutcomeKind.class,
            DisputeView.class,
            DisputeView.ActorView.class,
            DisputeView.EvidenceView.class,
            DisputeView.ResolutionView.class,
            EvidenceKind.class,
            EvidenceRequest.class,
            OpenDisputeRequest.class,
            ResolveDisputeRequest.class,
            Amount.class,
            CursorPage.class,
            BalanceView.class,
            BalanceView.CurrencyBalanceView.class,
            VerificationView.class,
            VerificationView.BrokenLinkView.class,
            PaidHireBody.class,
            PaidHireView.class,
            PaymentView.class,
            RecordSettlementRequest.class,
            Problem.class,
            Problem.FieldError.class,
            AdjustmentRequest.class,
            AgentListView.class,
            AgentPageView.class,
            AgentView.class,
            AvailabilityRequest.class,
            BulkRegisterRequest.class,
            BulkUpdateRequest.class,
            BulkUpdateRequest.Item.class,
            CapabilitiesRequest.class,
            CapacityRequest.class,
            FeedbackRequest.class,
            MetadataRequest.class,
            RegisterAgentRequest.class,
            ReputationEventView.class,
            ReputationView.class,
            HireTransactionRequest.class,
            SettleTransactionRequest.class,
            TransactionDetailsView.class,
            TransactionDetailsView.EntryView.class,
            TransactionDetailsView.PostingView.class,
            TransactionView.class,
            TransactionView.ActorView.class,
            TransactionView.OutcomeView.class,
            TransactionView.TransitionView.class
        })
public final class ReflectiveJson {
    private ReflectiveJson() {}
}
