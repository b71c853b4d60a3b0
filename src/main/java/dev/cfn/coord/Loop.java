package dev.cfn.coord;

/** The two loops of the CFN Loop whose agent ids are recorded per iteration. */
public enum Loop {
    /** Implementers: they do the work and report confidence. */
    LOOP3("loop3"),
    /** Validators: they review loop 3's work and reach consensus. */
    LOOP2("loop2");

    private final String label;

    Loop(String label) {
        this.label = label;
    }

    /** The key segment: {@code loop3} or {@code loop2}. */
    public String label() {
        return label;
    }
}
