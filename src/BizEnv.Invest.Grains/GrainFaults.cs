using Microsoft.Extensions.Logging;

namespace BizEnv.Invest.Grains;

/// <summary>
/// What leaves a grain must cross the cluster: the runtime cannot serialize a driver's exception
/// (PostgresException has no codec, and the caller then sees a codec error instead of the fault). An
/// unexpected fault is logged here, whole, and passed on as a plain exception naming it.
/// </summary>
public static class GrainFaults
{
    public static Exception Portable(Exception ex, ILogger log, Guid grain)
    {
        // The whole chain travels (inner exceptions too), so every link must be one the runtime knows.
        var known = true;
        for (var e = ex; e is not null; e = e.InnerException)
            known &= e is Orleans.Runtime.OrleansException || e.GetType().Namespace?.StartsWith("System", StringComparison.Ordinal) == true;
        if (known)
            return ex;
        log.LogError(ex, "Grain {Grain} failed", grain);
        var said = new List<string>();
        for (var e = ex; e is not null; e = e.InnerException)
            said.Add($"{e.GetType().Name}: {e.Message}");
        return new InvalidOperationException(string.Join(" ---> ", said));
    }

    /// <summary>The answer to a command that met an unreachable database before any commit: nothing was saved (503).</summary>
    public static Application.Common.Grains.GrainReply Unavailable(Exception ex) =>
        Application.Common.Grains.GrainReply.Refused(new Application.Common.Grains.Refusal(Application.Common.Grains.RefusalKind.Unavailable, ex.Message, null, []));

    /// <summary>
    /// A part of the cluster a command needed before its commit went away (the silo keeping the reminder's slice was
    /// killed): nothing was saved, and the same command again finds the slice moved to a live silo (503).
    /// </summary>
    public static Application.Common.Grains.GrainReply ClusterUnavailable(Exception ex) =>
        Application.Common.Grains.GrainReply.Refused(new Application.Common.Grains.Refusal(Application.Common.Grains.RefusalKind.ClusterUnavailable, ex.Message, null, []));

    /// <summary>The silo a call went to died, or the call was never delivered, or no answer came in time.</summary>
    public static bool IsClusterFault(Exception ex) =>
        ex is Orleans.Runtime.SiloUnavailableException or Orleans.Runtime.OrleansMessageRejectionException or TimeoutException;

    /// <summary>
    /// Runs a command and answers it: a refusal or an unreachable database is an answer the caller
    /// receives (nothing was saved); any other fault crosses the cluster in a form the caller can
    /// receive. <paramref name="failed"/> runs first on any of them — a grain that keeps its aggregate
    /// drops it there, so the next call reads the rows again.
    /// </summary>
    public static async Task<Application.Common.Grains.GrainReply> Answer(Func<Task<Application.Common.Grains.GrainReply>> command, ILogger log, Guid grain,
        Action? failed = null)
    {
        try
        {
            return await command();
        }
        catch (Exception ex) when (Application.Common.Grains.Refusal.From(ex) is { } refusal)
        {
            failed?.Invoke();
            return Application.Common.Grains.GrainReply.Refused(refusal);
        }
        catch (Exception ex) when (Application.Errors.DatabaseFault.IsUnreachable(ex))
        {
            failed?.Invoke();
            return Unavailable(ex);
        }
        catch (Exception ex)
        {
            failed?.Invoke();
            throw Portable(ex, log, grain);
        }
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
