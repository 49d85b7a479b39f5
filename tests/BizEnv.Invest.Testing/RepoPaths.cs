namespace BizEnv.Invest.Testing;

public static class RepoPaths
{
    /// <summary>The checkout's root (where BizEnv.Invest.sln is), found from the test binary upwards.</summary>
    public static string Root { get; } = Find();

    public static string TestResults => Path.Combine(Root, "TestResults");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BizEnv.Invest.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("BizEnv.Invest.sln not found above " + AppContext.BaseDirectory);
    }
}
