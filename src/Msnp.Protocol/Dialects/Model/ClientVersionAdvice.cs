namespace Msnp.Protocol.Dialects.Model;

/// <summary>The server's answer to <c>CVR</c>: which client version to run and where to get it.</summary>
/// <param name="Recommended">The recommended version, e.g. <c>6.0.0602</c>.</param>
/// <param name="RecommendedAgain">The second recommended version (usually the same).</param>
/// <param name="Minimum">The oldest version still allowed.</param>
/// <param name="DownloadUrl">Where to download the recommended version.</param>
/// <param name="InfoUrl">Where to read about it.</param>
public sealed record ClientVersionAdvice(string Recommended, string RecommendedAgain, string Minimum, string DownloadUrl, string InfoUrl);
