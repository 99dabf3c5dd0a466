package graphpath

import "testing"

func TestSetsQuery(t *testing.T) {
	eq := "$filter=singleValueExtendedProperties/Any(ep: ep/id eq '{id_value}' and ep/value eq '{property_value}')"
	for _, c := range []struct {
		q, fixed string
		want     bool
	}{
		{"$filter=singleValueExtendedProperties/Any(ep: ep/id eq 'String {0002} Name Color' and ep/value eq 'Teal')", eq, true},
		{"%24filter=singleValueExtendedProperties%2FAny(ep%3Aep%2Fid%20eq%20'x'%20and%20ep%2Fvalue%20eq%20'y')&$top=2", eq, true},
		{"$filter=singleValueExtendedProperties/Any(ep: ep/id eq 'x' and ep/value ne 'y')", eq, false},
		{"$filter=singleValueExtendedProperties/Any(ep: ep/id eq 'x' and ep/value eq 'y') and isRead eq true", eq, false},
		{"$top=2", eq, false},
		{"$expand=fields", "expand=fields", true},
		{"expand=fields(select=Name)", "expand=fields", false},
		{"expand=fields(select=Name)", "expand=fields(select={columns})", true},
		{"startDateTime=2021-01-01&endDateTime=2021-02-01", "startDateTime={start}&endDateTime={end}", true},
		{"startDateTime=2021-01-01", "startDateTime={start}&endDateTime={end}", false},
		{"$id=https://graph.microsoft.com/v1.0/groups/abc", "$id=https://graph.microsoft.com/v1.0/users/{user-id}", false},
		{"$id=https://graph.microsoft.com/v1.0/users/abc", "$id=https://graph.microsoft.com/v1.0/users/{user-id}", true},
		{"anything=1", "", true},
	} {
		if got := SetsQuery(c.q, c.fixed); got != c.want {
			t.Errorf("SetsQuery(%q, %q) = %v, want %v", c.q, c.fixed, got, c.want)
		}
	}
	if OptionName(" %24Expand") != "expand" || OptionName("expand") != "expand" {
		t.Errorf("OptionName: %q %q", OptionName(" %24Expand"), OptionName("expand"))
	}
}
