package dev.agentmarketplace.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmarketplace.core.ConflictException;
import dev.agentmarketplace.core.ErrorCode;
import dev.agentmarketplace.core.InvalidValueException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignInLinksTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    private final FakeCredentials credentials = new FakeCredentials();
    private final Set<String> redeemedIds = new HashSet<>();
    private final RedeemedSignInLinks redeemed = (id, expiresAt, at) -> redeemedIds.add(id);

    private SignInLinks linksAt(Instant now) {
        return new SignInLinks(credentials, redeemed, Clock.fixed(now, ZoneOffset.UTC), Duration.ofHours(8));
    }

    @Test
    void linkSignsItsStaffMemberInOnceWithTheirRolesForTheSessionLifetime() {
        String link = linksAt(NOW).issue("olivia", Set.of(Role.OPERATOR), Duration.ofMinutes(15));

        StaffSession session = linksAt(NOW.plusSeconds(60)).redeem(link);

        assertThat(session.credential()).isEqualTo("session:olivia:[OPERATOR]");
        assertThat(session.expiresAt()).isEqualTo(NOW.plusSeconds(60).plus(Duration.ofHours(8)));
    }

    @Test
    void linkUsedOnceIsRefusedTheSecondTime() {
        String link = linksAt(NOW).issue("olivia", Set.of(Role.ADMIN), Duration.ofMinutes(15));
        linksAt(NOW).redeem(link);

        assertThatThrownBy(() -> linksAt(NOW).redeem(link))
                .isInstanceOf(ConflictException.class)
                .extracting(e -> ((ConflictException) e).code())
                .isEqualTo(ErrorCode.SIGN_IN_LINK_USED);
    }

    @Test
    void expiredLinkIsRefusedAndNotSpent() {
        String link = linksAt(NOW).issue("olivia", Set.of(Role.OPERATOR), Duration.ofMinutes(15));

        assertThatThrownBy(() -> linksAt(NOW.plus(Duration.ofMinutes(15))).redeem(link))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("expired");
        assertThat(redeemedIds).isEmpty();
    }

    @Test
    void linksAreForStaffOnlyNeverForAnAgentOrForNobody() {
        SignInLinks links = linksAt(NOW);

        assertThatThrownBy(() -> links.issue("bot", Set.of(Role.AGENT, Role.OPERATOR), Duration.ofMinutes(5)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("operators and admins");
        assertThatThrownBy(() -> links.issue("nobody", Set.of(), Duration.ofMinutes(5)))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> links.issue(" ", Set.of(Role.ADMIN), Duration.ofMinutes(5)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("subject");
        assertThatThrownBy(() -> links.issue("olivia", Set.of(Role.ADMIN), Duration.ZERO))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("lifetime");
    }

    @Test
    void forgedLinkIsRefusedBeforeAnythingIsRecorded() {
        assertThatThrownBy(() -> linksAt(NOW).redeem("not-a-link"))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).field())
                .isEqualTo("link");
        assertThat(redeemedIds).isEmpty();
    }

    /** Links are their ids in a map, as a signature would vouch for them. */
    private static final class FakeCredentials implements SignInCredentials {
        private final Map<String, SignInLink> issued = new HashMap<>();
        private int next;

        @Override
        public String issueLink(String subject, Set<Role> roles, Duration lifetime) {
            String id = "link-" + next++;
            issued.put(id, new SignInLink(id, subject, roles, NOW.plus(lifetime)));
            return id;
        }

        @Override
        public SignInLink read(String presented) {
            SignInLink link = issued.get(presented);
            if (link == null) {
                throw new InvalidValueException("link", "is not a sign-in link of this platform");
            }
            return link;
        }

        @Override
        public StaffSession openSession(String subject, Set<Role> roles, Duration lifetime) {
            return new StaffSession(
                    "session:" + subject + ":" + roles.stream().sorted().toList(),
                    NOW.plusSeconds(60).plus(lifetime));
        }
    }
}
