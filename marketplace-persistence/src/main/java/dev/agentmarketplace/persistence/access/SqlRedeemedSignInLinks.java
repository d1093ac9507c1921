package dev.agentmarketplace.persistence.access;

import dev.agentmarketplace.core.access.RedeemedSignInLinks;
import dev.agentmarketplace.persistence.Sql;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import org.hibernate.Session;

/**
 * {@link RedeemedSignInLinks} as one row per redeemed link: the primary key decides which replica
 * redeems a link presented to several at once. On PostgreSQL a duplicate is skipped by the insert
 * itself, since a failed statement would abort the caller's transaction.
 */
@ApplicationScoped
@Transactional
public class SqlRedeemedSignInLinks implements RedeemedSignInLinks {
    private static final String INSERT =
            "INSERT INTO dashboard_sign_in_link (id, expires_at, redeemed_at) VALUES (?, ?, ?)";

    @Override
    public boolean redeem(String id, Instant expiresAt, Instant at) {
        return Panache.getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            boolean postgres = Sql.isPostgres(connection);
            try (PreparedStatement insert =
                    connection.prepareStatement(postgres ? INSERT + " ON CONFLICT (id) DO NOTHING" : INSERT)) {
                insert.setString(1, id);
                insert.setObject(2, Sql.timestamp(expiresAt));
                insert.setObject(3, Sql.timestamp(at));
                return insert.executeUpdate() == 1;
            } catch (SQLException e) {
                if (!postgres && Sql.isUniqueViolation(e)) {
                    return false;
                }
                throw e;
            }
        });
    }
}
