// Every test starts a real server on 127.0.0.1; two at a time keeps ports and CPU predictable on small machines.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]
