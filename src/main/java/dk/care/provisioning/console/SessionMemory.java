package dk.care.provisioning.console;

import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Small maps in the HTTP session that keep only their latest entries: what a person submitted (without
 * secrets), by requestId, for the request page to show the form again after a rejection, and which
 * refusals were audited already.
 */
final class SessionMemory {

    static final int REMEMBERED = 20;

    private SessionMemory() {
    }

    /** The map in the session under {@code name} that keeps its latest {@value #REMEMBERED} entries. */
    @SuppressWarnings("unchecked")
    static <V> Map<String, V> remembered(HttpSession session, String name) {
        synchronized (session) {
            var remembered = (Map<String, V>) session.getAttribute(name);
            if (remembered == null) {
                remembered = Collections.synchronizedMap(new LinkedHashMap<>() {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                        return size() > REMEMBERED;
                    }
                });
                session.setAttribute(name, remembered);
            }
            return remembered;
        }
    }
}
