// Server tests start real listeners on 127.0.0.1; running test classes one at a time keeps port and CPU use predictable on small machines.
[assembly: CollectionBehavior(DisableTestParallelization = false, MaxParallelThreads = 2)]
