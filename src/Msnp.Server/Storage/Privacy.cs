using Msnp.Protocol.Dialects.Model;

namespace Msnp.Server.Storage;

/// <summary>The visibility rule of catalogue §5.7, kept in one place so presence and the stores agree.</summary>
public static class Privacy
{
    /// <summary>
    /// Whether a target allows a viewer to see them and invite them: never when the viewer is on the
    /// target's BL; always when on the AL; otherwise when the target's <c>BLP</c> is <c>AL</c>.
    /// </summary>
    /// <param name="targetBlp">The target's <c>BLP</c> setting.</param>
    /// <param name="viewerOnTargetLists">The lists of the target the viewer is on.</param>
    public static bool Allows(DefaultPrivacy targetBlp, ListKind viewerOnTargetLists)
    {
        if (viewerOnTargetLists.Contains(ListKind.Block))
        {
            return false;
        }

        return viewerOnTargetLists.Contains(ListKind.Allow) || targetBlp == DefaultPrivacy.Allow;
    }
}
