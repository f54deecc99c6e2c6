// The tests count lines in the servers' own request logs: one test at a time, so no other test's requests mix in.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
