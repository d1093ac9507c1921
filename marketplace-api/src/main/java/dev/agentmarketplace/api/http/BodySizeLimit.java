package dev.agentmarketplace.api.http;

import dev.agentmarketplace.api.problem.RequestTooLargeException;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a body beyond {@code marketplace.api.max-body-bytes} with a 413 problem: at once when the
 * declared length says so, else as soon as a chunked body has delivered one byte too many.
 */
public class BodySizeLimit {
    private final ApiConfig config;

    BodySizeLimit(ApiConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public void limit(ContainerRequestContext request) {
        long limit = config.maxBodyBytes();
        if (request.getLength() > limit) {
            throw new RequestTooLargeException(limit);
        }
        if (request.hasEntity()) {
            request.setEntityStream(new Bounded(request.getEntityStream(), limit));
        }
    }

    private static final class Bounded extends FilterInputStream {
        private final long limit;
        private long read;

        Bounded(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw new RequestTooLargeException(limit);
            }
        }
    }
}
