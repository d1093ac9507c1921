package dev.agentmarketplace.persistence;

import org.hibernate.Session;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.persister.entity.EntityPersister;

/**
 * For adapters that write a row by plain JDBC while Hibernate may hold its entity: the session's
 * copy would be stale, so it must not be held any longer. The public {@code
 * Session.getManagedEntities(Class)} fails on an empty session in this Hibernate version, hence the
 * lookup through the persistence context.
 */
public final class HeldEntities {
    private HeldEntities() {}

    /** The entity of {@code type} with {@code id}, if the session holds one, is no longer held: a lookup, not a load. */
    public static void detach(Session session, Class<?> type, Object id) {
        SessionImplementor internals = session.unwrap(SessionImplementor.class);
        EntityPersister persister = internals.getFactory().getMappingMetamodel().getEntityDescriptor(type);
        Object held = internals.getPersistenceContextInternal().getEntity(internals.generateEntityKey(id, persister));
        if (held != null) {
            session.detach(held);
        }
    }
}
