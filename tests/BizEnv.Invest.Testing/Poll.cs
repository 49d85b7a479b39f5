namespace BizEnv.Invest.Testing;

/// <summary>Waiting for something another process or connection does (a rollback, a commit seen elsewhere), bounded.</summary>
public static class Poll
{
    public static async Task Until(Func<Task<bool>> condition, TimeSpan patience)
    {
        var until = DateTime.UtcNow + patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"condition not reached within {patience.TotalSeconds:0} s");
            await Task.Delay(50);
        }
    }
}
