namespace Msnp.Server.Tests.Storage;

/// <summary>The database a store test runs on; every backend-neutral test runs on both.</summary>
public enum StoreBackend
{
    Sqlite,
    Postgres,
}
