package dev.cfn.json;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * cfn's one Jackson databind mapper, with Jackson's defaults (what every {@code --json} document,
 * stored JSON column and queue entry was written with). Created on first use: a class that only
 * names this one loads no databind until it reads or writes through it, so one-shot commands that
 * print with {@link JsonText} stay off databind. Thread-safe; never reconfigure it: a use that needs
 * a feature takes a reader or writer of its own ({@code mapper().reader().with(...)}).
 */
public final class Json {
    private Json() {}

    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** The shared mapper. */
    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }
}
