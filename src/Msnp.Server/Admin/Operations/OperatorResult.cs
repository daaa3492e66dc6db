using Microsoft.AspNetCore.Http;

namespace Msnp.Server.Admin.Operations;

/// <summary>The outcome of an operator action: an HTTP status for the API and a sentence for people.</summary>
public sealed record OperatorResult(int Status, string Message)
{
    /// <summary>True when the action was done.</summary>
    public bool Ok => Status is >= 200 and < 300;

    internal static OperatorResult Done(string message) => new(StatusCodes.Status200OK, message);

    internal static OperatorResult Invalid(string message) => new(StatusCodes.Status400BadRequest, message);

    internal static OperatorResult NotFound(string message) => new(StatusCodes.Status404NotFound, message);

    internal static OperatorResult Conflict(string message) => new(StatusCodes.Status409Conflict, message);
}
