package dev.cfn.http;

import dev.cfn.config.ApiSettings;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses what a web page could make a browser send to this server, before any route or token
 * check: a {@code Host} that does not name this server (421: DNS rebinding), an {@code Origin} that
 * is neither the server's own ({@code http://} + the {@code Host} it was called by) nor listed in
 * {@code api.origins} (403), and a state-changing request from a browser (it sends a cookie or
 * {@code Sec-Fetch-Site}) without any {@code Origin} (403). Never resolves a name. Thread-safe.
 */
final class RequestGuard {
    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    private final Set<String> hosts;
    private final String shown;
    private final Set<String> origins;
    private final String configHint;

    RequestGuard(String bind, ApiSettings api, String configFile) {
        Set<String> names = names(bind, api);
        this.shown = String.join(", ", names);
        Set<String> canonical = new LinkedHashSet<>();
        names.forEach(n -> canonical.add(canonical(n)));
        this.hosts = Collections.unmodifiableSet(canonical);
        this.origins = Set.copyOf(api.origins());
        this.configHint = configFile;
    }

    void check(Context ctx) {
        String host = ctx.header("Host");
        if (host == null || !hosts.contains(canonical(hostName(host)))) {
            throw new HttpResponseException(
                    421,
                    "Host '" + (host == null ? "" : host) + "' does not name this server (it answers to " + shown
                            + "; list other names under api.hosts in " + configHint
                            + ")");
        }
        String origin = ctx.header("Origin");
        if (origin != null && !allowedOrigin(origin, host)) {
            throw new ForbiddenResponse("Origin '" + origin + "' may not call this server (its own is http://" + host
                    + "; list other origins under api.origins in " + configHint + ")");
        }
        if (origin == null && !SAFE.contains(ctx.method()) && fromBrowser(ctx)) {
            throw new ForbiddenResponse("a browser's " + ctx.method() + " must carry an Origin header: refused as"
                    + " a possible cross-site request");
        }
    }

    private boolean allowedOrigin(String origin, String host) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        return o.equals("http://" + host.strip().toLowerCase(Locale.ROOT)) || origins.contains(o);
    }

    /** A browser sends cookies by itself, and Fetch Metadata; curl and cfn's clients send neither. */
    private static boolean fromBrowser(Context ctx) {
        return ctx.header("Authorization") == null
                && (ctx.header("Cookie") != null || ctx.header("Sec-Fetch-Site") != null);
    }

    /** The host part of a {@code Host} header: {@code [::1]:7070} is {@code [::1]}, {@code a:80} is {@code a}. */
    static String hostName(String header) {
        String h = header.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    /** One spelling per IPv6 literal ({@code [::1]} and {@code [0:0:0:0:0:0:0:1]} are one address). */
    static String canonical(String host) {
        if (host.startsWith("[") && host.endsWith("]") && host.length() > 2) {
            try {
                // a literal: no lookup happens (an invalid one throws at once)
                return "["
                        + InetAddress.getByName(host.substring(1, host.length() - 1))
                                .getHostAddress() + "]";
            } catch (UnknownHostException e) {
                return host;
            }
        }
        return host;
    }

    /** The names a {@code Host} may use, as a person would write them. */
    private static Set<String> names(String bind, ApiSettings api) {
        Set<String> hosts = new LinkedHashSet<>();
        hosts.add("localhost");
        hosts.add("127.0.0.1");
        hosts.add("[::1]");
        String bound = bind.strip().toLowerCase(Locale.ROOT);
        boolean wildcard = bound.equals("0.0.0.0") || bound.equals("::") || bound.equals("[::]");
        if (wildcard) {
            hosts.addAll(interfaceAddresses());
        } else {
            hosts.add(bound.contains(":") && !bound.startsWith("[") ? "[" + bound + "]" : bound);
        }
        hosts.addAll(api.hosts());
        return hosts;
    }

    /** Bound to every address: any address of this machine's interfaces names it. */
    private static Set<String> interfaceAddresses() {
        Set<String> addresses = new LinkedHashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    String text = address.getHostAddress();
                    int zone = text.indexOf('%');
                    text = zone < 0 ? text : text.substring(0, zone);
                    addresses.add(text.contains(":") ? "[" + text + "]" : text);
                }
            }
        } catch (SocketException e) {
            // no list of interfaces: only loopback and the names in api.hosts then
        }
        return addresses;
    }
}
