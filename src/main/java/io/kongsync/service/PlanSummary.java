package io.kongsync.service;

import io.kongsync.plan.Plan;

/** How many changes a plan holds, and how many entities it refused to take over. */
public record PlanSummary(int create, int update, int delete, int conflicts) {

    static PlanSummary of(Plan plan) {
        Plan.Summary s = plan.summary();
        return new PlanSummary(s.create(), s.update(), s.delete(), plan.conflicts().size());
    }

    public int changes() {
        return create + update + delete;
    }
}
