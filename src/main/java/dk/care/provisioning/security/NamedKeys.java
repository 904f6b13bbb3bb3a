package dk.care.provisioning.security;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A set of keys by key id written as one setting, {@code <key id>:<base64 key>[,<key id>:<base64 key>…]}.
 * One environment variable then carries every key with its id as written; a map property cannot,
 * because Spring derives map keys from variable names, lower-cased and without {@code -}.
 */
public final class NamedKeys {

    static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private NamedKeys() {
    }

    /**
     * Key id to base64 key, in the order written; blank entries (a trailing comma) are skipped.
     * Messages name the setting and the entry's position, never a key.
     */
    public static Map<String, String> parse(String setting, String name) {
        Map<String, String> keys = new LinkedHashMap<>();
        String[] entries = setting.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.indexOf(':');
            String keyId = colon < 0 ? "" : entry.substring(0, colon).strip();
            if (!KEY_ID.matcher(keyId).matches()) {
                throw new IllegalArgumentException(name + ": entry " + (i + 1) + " must be <key id>:<base64 key>, "
                        + "the key id 1-64 of A-Z a-z 0-9 . _ -");
            }
            if (keys.putIfAbsent(keyId, entry.substring(colon + 1).strip()) != null) {
                throw new IllegalArgumentException(name + ": key id " + keyId + " is given twice");
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(name + " holds no key");
        }
        return Collections.unmodifiableMap(keys);
    }
}
