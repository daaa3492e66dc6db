using System.Xml;
using Msnp.Protocol.Auth.Passport;

namespace Msnp.Server.Passport;

/// <summary>
/// Reads an <c>RST.srf</c> request with a forward-only <see cref="XmlReader"/>: no DTDs, no external
/// entities, bounded size, depth and token count. Elements are matched by local name within their
/// expected parents, because clients of different years used different WS-Security namespaces.
/// </summary>
internal static class RstRequestReader
{
    /// <summary>More tokens than any client asks for (Messenger 8 asks for about ten).</summary>
    public const int MaxTokens = 32;

    /// <summary>Parses <paramref name="body"/>; <see langword="false"/> when it is not a usable request.</summary>
    public static bool TryRead(byte[] body, out RstRequest request)
    {
        request = new RstRequest("", "", []);
        try
        {
            using var stream = new MemoryStream(body, writable: false);
            using var reader = XmlReader.Create(stream, RstSoap.CreateReaderSettings(maxCharactersInDocument: body.Length + 1L));
            return TryRead(reader, out request);
        }
        catch (XmlException)
        {
            return false;
        }
    }

    private static bool TryRead(XmlReader reader, out RstRequest request)
    {
        request = new RstRequest("", "", []);
        if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "Envelope")
        {
            return false;
        }

        string? username = null, password = null;
        var tokens = new List<RstTokenRequest>();
        var path = new List<string>();
        int tokenDepth = -1;
        string? tokenId = null, address = null, policy = null;

        void FinishToken()
        {
            if (tokenDepth >= 0)
            {
                tokens.Add(new RstTokenRequest(tokenId ?? $"RST{tokens.Count}", address ?? "", policy));
                tokenDepth = -1;
            }
        }

        while (!reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }

            var depth = reader.Depth;
            if (depth > RstSoap.MaxDepth)
            {
                return false;
            }

            if (tokenDepth >= 0 && depth <= tokenDepth)
            {
                FinishToken();
            }

            path.RemoveRange(depth, path.Count - depth);
            var name = reader.LocalName;
            path.Add(name);

            if (Under(path, "Envelope", "Header") && EndsWith(path, "Security", "UsernameToken", name) && name is "Username" or "Password")
            {
                var value = reader.ReadElementContentAsString();
                if (name == "Username")
                {
                    username ??= value;
                }
                else
                {
                    password ??= value;
                }

                continue;
            }

            if (Under(path, "Envelope", "Body") && name == "RequestSecurityToken")
            {
                if (tokens.Count >= MaxTokens)
                {
                    return false;
                }

                tokenDepth = depth;
                tokenId = reader.GetAttribute("Id");
                address = policy = null;
            }
            else if (tokenDepth >= 0 && name == "Address" && EndsWith(path, "AppliesTo", "EndpointReference", name))
            {
                // Read even when an address is already known: skipping the read would leave the
                // reader on this element and spin here forever on a second <Address>.
                var value = reader.ReadElementContentAsString().Trim();
                address ??= value;
                continue;
            }
            else if (tokenDepth >= 0 && name == "PolicyReference")
            {
                policy ??= reader.GetAttribute("URI");
            }

            reader.Read();
        }

        FinishToken();
        if (username is null || password is null || tokens.Count == 0 || tokens.Exists(t => t.Address.Length == 0))
        {
            return false;
        }

        request = new RstRequest(username.Trim(), password, tokens);
        return true;
    }

    private static bool Under(List<string> path, string root, string child) =>
        path.Count > 2 && path[0] == root && path[1] == child;

    private static bool EndsWith(List<string> path, string grandparent, string parent, string self) =>
        path.Count >= 3 && path[^3] == grandparent && path[^2] == parent && path[^1] == self;
}
