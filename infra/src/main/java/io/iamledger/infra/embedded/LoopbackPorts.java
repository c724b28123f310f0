package io.iamledger.infra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port helpers shared by the embedded servers; everything binds to 127.0.0.1 only. */
final class LoopbackPorts {

    private LoopbackPorts() {}

    /**
     * Distinct ports that were free a moment ago. All sockets are held open until every port is chosen, so the
     * kernel cannot hand out the same number twice; a later bind can still lose a race with another process, which
     * callers handle by retrying with fresh ports.
     */
    static int[] free(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // a socket we only used to learn a number; nothing to clean up
                    }
                }
            }
        }
    }

    /**
     * Fails fast when a configured port is taken: PostgreSQL would otherwise be polled until the start-up timeout,
     * possibly answering through whatever else listens there.
     */
    static void requireFree(int port, String setting) {
        try (ServerSocket probe = new ServerSocket()) {
            // the servers themselves set SO_REUSEADDR, so a port held only by TIME_WAIT connections counts as free
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
        } catch (BindException e) {
            throw new IllegalStateException(setting + " " + port + " is already in use on 127.0.0.1", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + setting + " " + port, e);
        }
    }

    static void requireValid(int port, String setting) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(setting + " must be 0 (any free port) or 1-65535, was " + port);
        }
    }

    static boolean causedByBind(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
