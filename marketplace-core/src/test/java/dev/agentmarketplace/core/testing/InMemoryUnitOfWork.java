package dev.agentmarketplace.core.testing;

import dev.agentmarketplace.core.UnitOfWork;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The unit-of-work port for in-memory adapters: one work at a time (so "for update" locks hold
 * trivially), and all-or-nothing through an undo log that in-memory repositories append to on
 * every change. Nested calls join the outer unit of work, as a database transaction would.
 */
public final class InMemoryUnitOfWork implements UnitOfWork {
    private final ReentrantLock lock = new ReentrantLock();
    private final ThreadLocal<Deque<Runnable>> undoLog = new ThreadLocal<>();

    @Override
    public <T> T execute(Supplier<T> work) {
        lock.lock();
        boolean outermost = undoLog.get() == null;
        if (outermost) {
            undoLog.set(new ArrayDeque<>());
        }
        try {
            T result = work.get();
            if (outermost) {
                undoLog.remove();
            }
            return result;
        } catch (RuntimeException | Error failure) {
            if (outermost) {
                Deque<Runnable> undo = undoLog.get();
                undoLog.remove();
                undo.forEach(Runnable::run);
            }
            throw failure;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Called by in-memory repositories after each change, with the action that reverts it. Outside
     * a unit of work a change is final at once, as an auto-committed statement would be.
     */
    public void onRollback(Runnable revert) {
        Deque<Runnable> undo = undoLog.get();
        if (undo != null) {
            undo.push(revert);
        }
    }
}
