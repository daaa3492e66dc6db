using Msnp.Protocol.Messages;

namespace Msnp.Fuzz;

/// <summary>
/// The MSNP13+ XML readers: <see cref="MembershipList"/> (<c>ADL</c>/<c>RML</c>/<c>FQY</c>) and
/// <see cref="PersonalStatus"/> (<c>UUX</c>). Properties checked: reading never throws; a read list
/// holds at most the contact limit, each entry an account; a read list written back reads to the
/// same entries.
/// </summary>
internal sealed class ListsTarget : IFuzzTarget
{
    public void Run(byte[] input)
    {
        _ = PersonalStatus.TryParse(input, out _, out _);
        if (!MembershipList.TryParse(input, out var list, out var error))
        {
            Invariant.Check(error != MembershipListError.None, "refused without an error");
            return;
        }

        Invariant.Check(list.Entries.Count <= MembershipListLimits.Default.MaxContacts, "more contacts than the limit");
        if (list.Entries.Count == 0)
        {
            return;
        }

        var again = MembershipList.Write(list.Entries);
        Invariant.Check(MembershipList.TryParse(again, out var reread, out _), "a written list does not read back");
        Invariant.Check(reread.Entries.SequenceEqual(list.Entries), "a written list reads back different entries");
    }
}
