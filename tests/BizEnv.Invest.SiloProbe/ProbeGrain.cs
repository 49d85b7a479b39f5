using Orleans.Runtime;

namespace BizEnv.Invest.SiloProbe;

/// <summary>A test-only grain that exercises grain state and reminders through the real providers.</summary>
public interface IProbeGrain : IGrainWithStringKey
{
    Task Save(string value);

    Task<string?> Read();

    Task Clear();

    /// <summary>Registers the reminder "tick" (period 1 minute, the minimum) first due after <paramref name="dueTime"/>.</summary>
    Task Arm(TimeSpan dueTime);

    Task Disarm();

    /// <summary>Ends this activation now: the next call or tick activates the grain afresh from storage.</summary>
    Task Deactivate();
}

/// <summary>What the probe keeps; every tick appends the silo it ran on.</summary>
public sealed class ProbeState
{
    public string? Value { get; set; }
    public List<string> Ticks { get; set; } = [];
}

public sealed class ProbeGrain(
    [PersistentState(ProbeGrain.StateName)] IPersistentState<ProbeState> state,
    ILocalSiloDetails silo) : Grain, IProbeGrain, IRemindable
{
    public const string StateName = "test-probe";

    public async Task Save(string value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
    }

    public Task<string?> Read() => Task.FromResult(state.State.Value);

    public Task Clear() => state.ClearStateAsync();

    public Task Arm(TimeSpan dueTime) => this.RegisterOrUpdateReminder("tick", dueTime, TimeSpan.FromMinutes(1));

    public async Task Disarm()
    {
        if (await this.GetReminder("tick") is { } reminder)
            await this.UnregisterReminder(reminder);
    }

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Ticks.Add($"{silo.SiloAddress.Endpoint}");
        await state.WriteStateAsync();
    }
}
