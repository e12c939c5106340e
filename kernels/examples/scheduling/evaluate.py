"""Scores a dispatch rule for online single-machine scheduling.

Usage: python3 evaluate.py heuristic.py

Jobs arrive over time, each with a processing time and a weight. Whenever the machine is free it
runs the waiting job whose priority(weight, processing, waited) is highest. The score is how much
smaller the total weighted flow time (completion minus arrival, times weight) is than first come,
first served, averaged over fixed random instances: 1.0 matches FIFO, higher is better.

The last line printed is the verdict the engine reads: {"score": ..., "metrics": {...}} or
{"error": "..."} when the rule is unusable.
"""
import importlib.util
import json
import math
import random
import sys

INSTANCES = 6
JOBS = 150


def load(path):
    spec = importlib.util.spec_from_file_location("candidate", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.priority


def instance(rng):
    jobs, t = [], 0.0
    for _ in range(JOBS):
        t += rng.expovariate(1.0 / 1.1)            # arrivals slightly slower than the work: a busy machine
        jobs.append((t, rng.uniform(0.1, 2.0), rng.choice((1, 1, 1, 2, 5, 10))))   # release, processing, weight
    return jobs


def weighted_flow(jobs, rule):
    time, total, ready, i = 0.0, 0.0, [], 0
    while i < len(jobs) or ready:
        if not ready and time < jobs[i][0]:
            time = jobs[i][0]
        while i < len(jobs) and jobs[i][0] <= time:
            ready.append(jobs[i])
            i += 1
        best, best_value = None, None
        for job in ready:
            value = rule(job[2], job[1], time - job[0])
            if not isinstance(value, (int, float)) or math.isnan(value):
                raise ValueError("priority(%s, %.3f, %.3f) returned %r, not a number" % (job[2], job[1], time - job[0], value))
            if best is None or value > best_value:
                best, best_value = job, value
        ready.remove(best)
        time += best[1]
        total += best[2] * (time - best[0])
    return total


def main():
    rule = load(sys.argv[1])
    rng = random.Random(20261201)
    ratios = []
    for _ in range(INSTANCES):
        jobs = instance(rng)
        fifo = weighted_flow(jobs, lambda w, p, waited: waited)
        try:
            ours = weighted_flow(jobs, rule)
        except ValueError as e:
            print(json.dumps({"error": str(e)}))
            return
        ratios.append(fifo / ours)
    score = sum(ratios) / len(ratios)
    print(json.dumps({"score": score, "metrics": {"worst_instance": min(ratios), "best_instance": max(ratios)}}))


if __name__ == "__main__":
    main()
