namespace Msnp.Server.Storage;
