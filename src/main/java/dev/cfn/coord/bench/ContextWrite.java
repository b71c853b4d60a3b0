package dev.cfn.coord.bench;

/**
 * Writing a 50-field task context: one pipelined batch (one HSET of all fields + EXPIRE, one round
 * trip) versus a write per field, each waiting for its reply before the next (HSET of that field +
 * EXPIRE: one round trip per field, as a script calling redis-cli per field does).
 *
 * @param fields fields per context
 * @param repetitions contexts written each way
 * @param pipelinedFieldsPerSec fields written per second, pipelined
 * @param perFieldFieldsPerSec fields written per second, one command per field
 */
public record ContextWrite(int fields, int repetitions, double pipelinedFieldsPerSec, double perFieldFieldsPerSec) {
    /** How many times faster the pipelined write is; the target is at least 5. */
    public double ratio() {
        return pipelinedFieldsPerSec / perFieldFieldsPerSec;
    }
}
