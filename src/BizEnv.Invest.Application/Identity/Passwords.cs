using Microsoft.AspNetCore.Identity;

namespace BizEnv.Invest.Application.Identity;

/// <summary>ASP.NET Core's PBKDF2 <see cref="PasswordHasher{TUser}"/>; rehashes when its defaults get stronger.</summary>
public sealed class Passwords
{
    private static readonly object Subject = new();
    private readonly PasswordHasher<object> _hasher = new();

    public string Hash(string password) => _hasher.HashPassword(Subject, password);

    public PasswordCheck Verify(string hash, string password) => _hasher.VerifyHashedPassword(Subject, hash, password) switch
    {
        PasswordVerificationResult.Success => PasswordCheck.Ok,
        PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.OkRehash,
        _ => PasswordCheck.Wrong,
    };
}

public enum PasswordCheck
{
    Wrong,
    Ok,
    OkRehash,
}
