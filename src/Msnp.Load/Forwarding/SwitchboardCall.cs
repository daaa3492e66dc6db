namespace Msnp.Load.Forwarding;

/// <summary>A session the caller opened with <c>CAL</c>; the callee's leg arrives with <c>ANS</c>.</summary>
internal sealed class SwitchboardCall(ForwarderLeg caller)
{
    public ForwarderLeg Caller { get; } = caller;

    public TaskCompletionSource<ForwarderLeg> Callee { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
