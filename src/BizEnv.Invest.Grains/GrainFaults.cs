using Microsoft.Extensions.Logging;

namespace BizEnv.Invest.Grains;

/// <summary>
/// What leaves a grain must cross the cluster: the runtime cannot serialize a driver's exception
/// (PostgresException has no codec, and the caller then sees a codec error instead of the fault). An
/// unexpected fault is logged here, whole, and passed on as a plain exception naming it.
/// </summary>
internal static class GrainFaults
{
    public static Exception Portable(Exception ex, ILogger log, Guid grain)
    {
        if (ex.GetType().Namespace?.StartsWith("System", StringComparison.Ordinal) == true || ex is Orleans.Runtime.OrleansException)
            return ex;
        log.LogError(ex, "Grain {Grain} failed", grain);
        return new InvalidOperationException($"{ex.GetType().Name}: {ex.Message}");
    }

    /// <summary>Runs a grain's own work (a deadline tick) and passes any fault on in a form the caller can receive.</summary>
    public static async Task Portable(Func<Task> work, ILogger log, Guid grain)
    {
        try
        {
            await work();
        }
        catch (Exception ex)
        {
            var portable = Portable(ex, log, grain);
            if (ReferenceEquals(portable, ex))
                throw;
            throw portable;
        }
    }
}
