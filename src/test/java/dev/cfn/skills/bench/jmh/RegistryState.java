package dev.cfn.skills.bench.jmh;

import dev.cfn.skills.bench.BenchFixture;
import dev.cfn.skills.bench.DataShape;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** A temporary registry of the issue's size (1,000 skills, 5,000 mappings, 50,000 usage rows) per trial. */
@State(Scope.Benchmark)
public class RegistryState {
    BenchFixture fixture;

    @Setup(Level.Trial)
    public void create() {
        fixture = BenchFixture.create(DataShape.ISSUE);
    }

    @TearDown(Level.Trial)
    public void delete() {
        fixture.close();
    }
}
