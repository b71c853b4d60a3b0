package dev.cfn.json;

import java.util.List;

/**
 * Named fields a caller sent, read by type: an HTTP request's JSON body and an MCP tool's arguments
 * both implement it, so one reader (such as the loop request's) serves both. Each getter returns null
 * (false for {@link #flag}) when the field is absent and throws {@link dev.cfn.InvalidInputException}
 * naming the field when its type is wrong.
 */
public interface FieldReader {
    String text(String field);

    /** A text that must be given and not blank. */
    String requiredText(String field);

    Integer integer(String field);

    Long longInteger(String field);

    Double number(String field);

    boolean flag(String field);

    List<String> texts(String field);
}
