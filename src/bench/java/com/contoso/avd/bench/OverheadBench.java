package com.contoso.avd.bench;

import java.util.Collection;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Benchmark 1, per-request overhead: runs {@link RequestOverhead} under JMH with the GC profiler and prints the
 * median, the 99th percentile and the allocation of one request. JMH's own report comes first.
 */
public final class OverheadBench {
    private OverheadBench() {
    }

    public static void main(String[] args) throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(RequestOverhead.class.getName())
                .addProfiler(GCProfiler.class)
                .build()).run();
        System.out.println();
        System.out.println("per-request overhead (parse + validate + scope + ARM request + topic message), "
                + "JMH SampleTime, 1 fork, 5 x 2 s");
        System.out.printf("%-10s %12s %12s %12s %14s%n", "request", "median ns", "p99 ns", "mean ns", "alloc B/op");
        for (RunResult run : results) {
            var primary = run.getPrimaryResult();
            String name = run.getParams().getBenchmark();
            System.out.printf("%-10s %12.0f %12.0f %12.0f %14.0f%n", name.substring(name.lastIndexOf('.') + 1),
                    primary.getStatistics().getPercentile(50), primary.getStatistics().getPercentile(99),
                    primary.getStatistics().getMean(), allocation(run.getSecondaryResults()));
        }
    }

    private static double allocation(Map<String, Result> secondary) {
        return secondary.entrySet().stream().filter(e -> e.getKey().endsWith("gc.alloc.rate.norm"))
                .mapToDouble(e -> e.getValue().getScore()).findFirst().orElse(Double.NaN);
    }
}
