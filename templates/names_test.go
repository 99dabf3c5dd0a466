package templates

import (
	"maps"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"
)

func TestExportedName(t *testing.T) {
	for in, want := range map[string]string{
		"event":                   "Event",
		"dateTimeTimeZone":        "DateTimeTimeZone",
		"eventForwardRequestBody": "EventForwardRequestBody",
		"@odata.nextLink":         "ODataNextLink",
		"@odata.type":             "ODataType",
		"userId":                  "UserID",
		"webUrl":                  "WebURL",
		"httpRequest":             "HTTPRequest",
		"identity":                "Identity",
		"ipAddress":               "IPAddress",
		"groupIds":                "GroupIDs",
		"request-id":              "RequestID",
		"iCalUId":                 "ICalUID",
		"$value":                  "Value",
		"x509Certificate":         "X509Certificate",
		"3dsEnabled":              "N3dsEnabled",
		"apiVersion":              "APIVersion",
		"htmlContent":             "HTMLContent",
		"jsonBody":                "JSONBody",
		"uri":                     "URI",
	} {
		if got := exportedName(in); got != want {
			t.Errorf("exportedName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParamName(t *testing.T) {
	for in, want := range map[string]string{
		"userId": "userID", "eventId2": "eventID2", "type": "typeParam", "range": "rangeParam",
		"ctx": "ctxParam", "body": "bodyParam", "params": "paramsParam", "len": "lenParam",
		"url": "urlParam", "ID": "id", "URLPath": "urlPath", "hostname": "hostname",
		"start_datetime": "startDatetime",
	} {
		if got := paramName(in); got != want {
			t.Errorf("paramName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMethodBase(t *testing.T) {
	for _, c := range []struct{ verb, action, path, want string }{
		{"PermanentDelete", "permanentDelete", "/users/{userId}/events/{eventId}/permanentDelete", "PermanentDeleteUsersEvents"},
		{"Get", "", "/me/events/{eventId}", "GetMeEvents"},
		{"List", "", "/me/events", "ListMeEvents"},
		{"Update", "", "/me/events/{eventId}", "UpdateMeEvents"},
		{"Delta", "delta", "/me/events/microsoft.graph.delta()", "DeltaMeEvents"},
		{"Delta", "delta", "/me/events/delta(token='{token}')", "DeltaMeEvents"},
		{"Get", "", "/me/photo/$value", "GetMePhotoValue"},
		{"Create", "", "/groups/{groupId}/members/$ref", "CreateGroupsMembersRef"},
		{"Get", "", "/drives/{driveId}/root:/{itemPath}:", "GetDrivesRootByPath"},
		{"Get", "", "/drives/{driveId}/root:/{itemPath}:/content", "GetDrivesRootByPathContent"},
		{"Get", "", "/drives/{driveId}/root/content", "GetDrivesRootContent"},
	} {
		if got := methodBase(c.verb, c.action, c.path); got != c.want {
			t.Errorf("methodBase(%s %s) = %q, want %q", c.verb, c.path, got, c.want)
		}
	}
}

func TestAssignMethodNames(t *testing.T) {
	ops := []*opName{
		{key: "GET /me/events/{eventId}/x", base: "GetMeEvents", lastParam: "eventId", paramCount: 1},
		{key: "GET /me/events/x", base: "GetMeEvents", paramCount: 0},
		{key: "GET /a", base: "GetDup", paramCount: 0},
		{key: "GET /b", base: "GetDup", paramCount: 0},
	}
	assignMethodNames(ops, nil)
	got := map[string]string{}
	for _, o := range ops {
		got[o.key] = o.name
	}
	want := map[string]string{
		"GET /me/events/{eventId}/x": "GetMeEventsByEventID",
		"GET /me/events/x":           "GetMeEvents",
		"GET /a":                     "GetDup",
		"GET /b":                     "GetDup2",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %q, want %q", k, got[k], w)
		}
	}
}

func TestTypeNames(t *testing.T) {
	tb := newNameTable()
	tb.take("Error", "runtime")
	got := assignTypeNames(tb, []string{"microsoft.graph.callRecords.session", "microsoft.graph.error", "microsoft.graph.event", "microsoft.graph.session"})
	want := map[string]string{
		"microsoft.graph.callRecords.session": "CallRecordsSession",
		"microsoft.graph.session":             "Session",
		"microsoft.graph.event":               "Event",
		"microsoft.graph.error":               "GraphError",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %q, want %q", k, got[k], w)
		}
	}
}

// TestTypeNamesNamespaces: the names the corpus's namespaces need. A
// namespaced type whose short name a microsoft.graph type also has keeps
// its namespace (callRecords.mediaStream, callRecords.modality, an enum);
// one whose short name is free takes it (callRecords.session, as long as
// microsoft.graph has no session); two namespaces with one short name both
// keep theirs; a collection response follows its item's name, whatever
// its own short name would have been; a type named like a collection
// response of a type that is not a schema is named as any other.
func TestTypeNamesNamespaces(t *testing.T) {
	comps := []string{
		"microsoft.graph.callRecords.mediaStream",
		"microsoft.graph.callRecords.mediaStreamCollectionResponse",
		"microsoft.graph.callRecords.modality",
		"microsoft.graph.callRecords.session",
		"microsoft.graph.callRecords.sessionCollectionResponse",
		"microsoft.graph.ediscovery.tag",
		"microsoft.graph.managedTenants.tag",
		"microsoft.graph.mediaStream",
		"microsoft.graph.mediaStreamCollectionResponse",
		"microsoft.graph.modality",
		"microsoft.graph.orphanCollectionResponse",
		"microsoft.graph.termStore.group",
		"microsoft.graph.termStore.groupCollectionResponse",
		"microsoft.graph.group",
	}
	sort.Strings(comps)
	tb := newNameTable()
	got := assignTypeNames(tb, comps)
	want := map[string]string{
		"microsoft.graph.callRecords.mediaStream":                   "CallRecordsMediaStream",
		"microsoft.graph.callRecords.mediaStreamCollectionResponse": "CallRecordsMediaStreamCollectionResponse",
		"microsoft.graph.callRecords.modality":                      "CallRecordsModality",
		"microsoft.graph.callRecords.session":                       "Session",
		"microsoft.graph.callRecords.sessionCollectionResponse":     "SessionCollectionResponse",
		"microsoft.graph.ediscovery.tag":                            "EdiscoveryTag",
		"microsoft.graph.managedTenants.tag":                        "ManagedTenantsTag",
		"microsoft.graph.mediaStream":                               "MediaStream",
		"microsoft.graph.mediaStreamCollectionResponse":             "MediaStreamCollectionResponse",
		"microsoft.graph.modality":                                  "Modality",
		"microsoft.graph.orphanCollectionResponse":                  "OrphanCollectionResponse",
		"microsoft.graph.termStore.group":                           "TermStoreGroup",
		"microsoft.graph.termStore.groupCollectionResponse":         "TermStoreGroupCollectionResponse",
		"microsoft.graph.group":                                     "Group",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %q, want %q", k, got[k], w)
		}
	}
	seen := map[string]string{}
	for c, n := range got {
		if other, dup := seen[n]; dup {
			t.Errorf("%s and %s are both %s", c, other, n)
		}
		seen[n] = c
	}
}

// TestTypeNamesCollectionTaken: a collection response whose name (its
// item's and "CollectionResponse") another schema already has is
// numbered rather than colliding.
func TestTypeNamesCollectionTaken(t *testing.T) {
	tb := newNameTable()
	tb.take("EventCollectionResponse", "schema elsewhere")
	got := assignTypeNames(tb, []string{"microsoft.graph.event", "microsoft.graph.eventCollectionResponse"})
	if got["microsoft.graph.event"] != "Event" || got["microsoft.graph.eventCollectionResponse"] != "EventCollectionResponse2" {
		t.Errorf("names = %v", got)
	}
}

func TestFieldNames(t *testing.T) {
	got := fieldNames([]string{"id", "ID", "additionalProperties", "@odata.type"}, "AdditionalProperties")
	want := []string{"ID", "ID2", "AdditionalProperties2", "ODataType"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("fieldNames = %v, want %v", got, want)
	}
}

func TestMatchPath(t *testing.T) {
	vals, ok := matchPath("/reports/getEmailActivityCounts(period='{period}')", "/reports/getEmailActivityCounts(period='D7')")
	if !ok || len(vals) != 1 || vals[0] != "D7" {
		t.Errorf("function args: %v %v", vals, ok)
	}
	vals, ok = matchPath("/users/{userId}/events/{eventId}", "/users/a%40b.com/events/AAM=")
	if !ok || strings.Join(vals, " ") != "a@b.com AAM=" {
		t.Errorf("ids: %v %v", vals, ok)
	}
	if _, ok := matchPath("/users/{userId}/events", "/users/x/calendar"); ok {
		t.Error("literal mismatch matched")
	}
}

func TestEscapeSegment(t *testing.T) {
	for in, want := range map[string]string{"..": "%2E%2E", ".": "%2E", "a/b": "a%2Fb", "a?b#c%": "a%3Fb%23c%25", "AAM=": "AAM="} {
		if got := escapeSegment(in); got != want {
			t.Errorf("escapeSegment(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPathSpelling: one path word has one Go spelling across method names
// and arguments, whichever page spelled it in lower case.
func TestPathSpelling(t *testing.T) {
	paths := []string{
		"/me/calendargroups/{calendargroupId}/calendars/{calendarId}/events",
		"/me/calendarGroups/{calendarGroupId}/calendars/{calendarId}/events/{eventId}/forward",
	}
	sp := pathSpelling(paths)
	if got := spelledMethodBase("List", "", paths[0], sp); got != "ListMeCalendarGroupsCalendarsEvents" {
		t.Errorf("list: %s", got)
	}
	if got := spelledMethodBase("Forward", "forward", paths[1], sp); got != "ForwardMeCalendarGroupsCalendarsEvents" {
		t.Errorf("forward: %s", got)
	}
	if a, b := sp.of(paramName("calendargroupId")), sp.of(paramName("calendarGroupId")); a != b || a != "calendarGroupID" {
		t.Errorf("arguments: %s, %s", a, b)
	}
	if got := methodBase("List", "", paths[0]); got != "ListMeCalendargroupsCalendarsEvents" {
		t.Errorf("without a spelling table the docs' spelling stays: %s", got)
	}
}

// TestQueryArgWord: a required argument is named for what it is.
func TestQueryArgWord(t *testing.T) {
	fq := [][2]string{{"$filter", "containerTypeId eq {containerTypeId}"}, {"startDateTime", "{start_datetime}"}}
	if got := paramName(queryArgWord(fq, "$filter")); got != "containerTypeID" {
		t.Errorf("$filter: %s", got)
	}
	if got := paramName(queryArgWord(fq, "startDateTime")); got != "startDateTime" {
		t.Errorf("startDateTime: %s", got)
	}
	if got := queryArgWord(fq, "other"); got != "other" {
		t.Errorf("other: %s", got)
	}
}

// An action's name is the verb and its segment is left out of the rest:
// POST /me/sendMail is SendMailMe, not CreateMeSendMail.
func TestActionVerb(t *testing.T) {
	for _, tt := range []struct {
		method, action, path, want string
	}{
		{"POST", "sendMail", "/me/sendMail", "SendMailMe"},
		{"POST", "copy", "/me/drive/items/{itemId}/copy", "CopyMeDriveItems"},
		{"POST", "accept", "/me/events/{eventId}/accept", "AcceptMeEvents"},
		{"POST", "", "/me/events", "CreateMeEvents"},
	} {
		o := &opInfo{opCall: &opCall{method: tt.method, path: tt.path}}
		o.action = tt.action
		if got := methodBase(o.verb(), o.action, o.path); got != tt.want {
			t.Errorf("%s %s (action %q): %s, want %s", tt.method, tt.path, tt.action, got, tt.want)
		}
	}
}

// TestVariantSuffixes: a query variant's name is read from its fixed
// query: the option and what it filters, expands or selects; variants of
// one operation whose key words are the same add the words that tell
// them apart, never a number; lambda variables, quoted values (the
// method's arguments) and the service root of a URL value are no words.
func TestVariantSuffixes(t *testing.T) {
	for _, c := range []struct {
		queries, want []string
	}{
		{[]string{
			"$filter=singleValueExtendedProperties/Any(ep: ep/id eq '{id_value}' and ep/value eq '{property_value}')",
			"$filter=singleValueExtendedProperties/Any(ep: ep/id eq '{id_value}' and contains(ep/value, '{property_value}'))",
			"$filter=singleValueExtendedProperties/Any(ep: ep/id eq '{id_value}' and startswith(ep/value, '{property_value}'))",
			"$filter=singleValueExtendedProperties/Any(ep: ep/id eq '{id_value}' and ep/value ne '{property_value}')",
			"$filter=Extensions/any(f:f/id eq '{extensionId}')&$expand=Extensions($filter=id eq '{extensionId}')",
		}, []string{
			"FilterSingleValueExtendedPropertiesValueEq",
			"FilterSingleValueExtendedPropertiesContainsValue",
			"FilterSingleValueExtendedPropertiesStartsWithValue",
			"FilterSingleValueExtendedPropertiesValueNe",
			"FilterExtensionsExpandExtensions",
		}},
		{[]string{
			"$expand=multiValueExtendedProperties($filter=id eq '{id_value}')",
			"$expand=extensions($filter=id eq '{extensionId}')",
			"$expand=singleValueExtendedProperties($filter=id eq '{id_value}')",
		}, []string{"ExpandMultiValueExtendedProperties", "ExpandExtensions", "ExpandSingleValueExtendedProperties"}},
		{[]string{"$id=https://graph.microsoft.com/v1.0/groups/{other-group-id}"}, []string{"IDGroups"}},
		{[]string{
			"$top=1",
			"$filter={property} eq '{property-value}'",
			"$filter={property} eq '{property-value}'&$top=5",
			"$filter={property} eq '{property-value}' and {property} eq '{property-value}'",
		}, []string{"Top", "FilterProperty", "FilterPropertyTop", "FilterPropertyAndPropertyEq"}},
		{[]string{"expand=fields", "expand=fields(select=Column1,Column2)"},
			[]string{"ExpandFields", "ExpandFieldsSelectColumn1Column2"}},
		{[]string{"$filter=membershipType eq 'private'", "$filter=membershipType eq 'shared'"},
			[]string{"FilterMembershipTypePrivate", "FilterMembershipTypeShared"}},
		{[]string{"$filter=isof('microsoft.graph.windowsUpdates.azureADDevice')", "$filter=isof('microsoft.graph.windowsUpdates.updatableAssetGroup')"},
			[]string{"FilterWindowsUpdatesAzureADDevice", "FilterWindowsUpdatesUpdatableAssetGroup"}},
		{[]string{"startDateTime={start_datetime}"}, []string{"StartDateTime"}},
		{[]string{"includeHiddenFolders=true"}, []string{"IncludeHiddenFolders"}},
		{[]string{"$expand=microsoft.graph.itemattachment/item"}, []string{"ExpandItemattachmentItem"}},
		{[]string{"$filter=JoinWebUrl eq '{joinWebUrl}'"}, []string{"FilterJoinWebURL"}},
	} {
		got := variantSuffixes(c.queries)
		for i := range c.want {
			if got[i] != c.want[i] {
				t.Errorf("%s: %q, want %q", c.queries[i], got[i], c.want[i])
			}
		}
		// the names do not depend on the order of the variants
		rev := slices.Clone(c.queries)
		slices.Reverse(rev)
		back := variantSuffixes(rev)
		slices.Reverse(back)
		if !slices.Equal(back, got) {
			t.Errorf("reversed %v: %q, want %q", c.queries, back, got)
		}
	}
}

// TestAssignVariantNames: a variant is named after its plain operation's
// final name; a name another operation has is not taken, the last resort
// a number.
func TestAssignVariantNames(t *testing.T) {
	a := &opName{key: "GET /a/{aId}/x", base: "GetX", lastParam: "aId", paramCount: 1}
	b := &opName{key: "GET /x", base: "GetX"}
	taken := &opName{key: "GET /x/top", base: "GetXTop"}
	ops := []*opName{a, b, taken,
		{key: a.key + "?$expand=items", variantOf: a, query: "$expand=items"},
		{key: b.key + "?$top=1", variantOf: b, query: "$top=1"},
		{key: b.key + "?$top= 1", variantOf: b, query: "$top= 1"},
	}
	assignMethodNames(ops, nil)
	got := map[string]string{}
	for _, o := range ops {
		got[o.key] = o.name
	}
	want := map[string]string{
		"GET /a/{aId}/x":               "GetXByAID",
		"GET /a/{aId}/x?$expand=items": "GetXByAIDExpandItems",
		"GET /x":                       "GetX",
		"GET /x/top":                   "GetXTop",
		"GET /x?$top= 1":               "GetXTop2",
		"GET /x?$top=1":                "GetXTop3",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %q, want %q", k, got[k], w)
		}
	}
}

// unexportedNameRef is unexportedName as it was written before it
// appended into one buffer: the reference TestUnexportedNameSame holds
// it to.
func unexportedNameRef(s string) string {
	words := splitWords(s)
	if len(words) == 0 {
		return ""
	}
	var b strings.Builder
	for i, w := range words {
		g := goWord(w)
		if i == 0 {
			if _, ok := initialisms[strings.ToLower(w)]; ok {
				g = strings.ToLower(g)
			} else {
				rs := []rune(g)
				j := 0
				for j < len(rs) && unicode.IsUpper(rs[j]) {
					j++
				}
				if j == len(rs) || j == 1 {
					for k := 0; k < j; k++ {
						rs[k] = unicode.ToLower(rs[k])
					}
				} else {
					for k := 0; k < j-1; k++ {
						rs[k] = unicode.ToLower(rs[k])
					}
				}
				g = string(rs)
			}
		}
		b.WriteString(g)
	}
	out := b.String()
	if !unicode.IsLetter([]rune(out)[0]) {
		out = "n" + out
	}
	return out
}

// TestUnexportedNameSame: unexportedName gives what the reference gives,
// on spellings of every kind and on every word and parameter name of
// the fixtures' documents.
func TestUnexportedNameSame(t *testing.T) {
	in := []string{"", "-", "userId", "ID", "IDs", "ids", "URLPath", "HTTPRequest", "x", "X", "XY", "XYz", "9lives",
		"_id", "user_id", "Über", "ÜBER", "ÜBERweg", "İstanbul", "ǅemal", "ﬁle", "a\xffb", "\xff", "odata.type",
		"@odata.nextLink", "api2go", "ipAddress", "IPs", "名前", "ΣΑΣ", "σ", "$filter", "{id}", "A1", "a1B", "HTTP2Server"}
	for _, name := range []string{"calendar.yaml"} {
		doc := loadDoc(t, name)
		for _, path := range doc.Paths.InMatchingOrder() {
			for _, seg := range splitPath(path) {
				in = append(in, seg.raw, seg.literal)
				in = append(in, seg.params...)
			}
			for _, op := range doc.Paths.Value(path).Operations() {
				for _, p := range op.Parameters {
					if p.Value != nil {
						in = append(in, p.Value.Name)
					}
				}
			}
		}
		for c, s := range doc.Components.Schemas {
			in = append(in, c)
			if s.Value != nil {
				for p := range s.Value.Properties {
					in = append(in, p)
				}
			}
		}
	}
	for _, s := range in {
		if got, want := unexportedName(s), unexportedNameRef(s); got != want {
			t.Errorf("unexportedName(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestLowerLookupsSame: the spelling table's and groupName's ASCII
// paths give what lowering with strings.ToLower gives.
func TestLowerLookupsSame(t *testing.T) {
	groupRef := func(raw string) string {
		var b strings.Builder
		for _, r := range strings.ToLower(raw) {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				b.WriteRune(r)
			}
		}
		if b.Len() == 0 {
			return "root"
		}
		return strings.TrimPrefix(b.String(), "microsoftgraph")
	}
	words := []string{"", "me", "Me", "calendarGroups", "calendargroups", "microsoft.graph.delta()", "MicrosoftGraph", "{id}",
		"users", "Users", "-", "\u212Aelvin", "İx", strings.Repeat("Ab", 40), "x_1-Y"}
	sp := spelling{}
	for _, w := range words {
		sp.add(w)
	}
	ref := map[string]string{}
	for _, w := range words {
		k := strings.ToLower(w)
		if cur, ok := ref[k]; !ok || betterSpelling(w, cur) {
			ref[k] = w
		}
	}
	if !maps.Equal(map[string]string(sp), ref) {
		t.Errorf("spellings %v, want %v", sp, ref)
	}
	for _, w := range append(words, "CALENDARGROUPS", "nothing") {
		want, ok := ref[strings.ToLower(w)]
		if !ok {
			want = w
		}
		if got := sp.of(w); got != want {
			t.Errorf("of(%q) = %q, want %q", w, got, want)
		}
		if got, want := groupName([]pathSegment{{raw: w}}), groupRef(w); got != want {
			t.Errorf("groupName(%q) = %q, want %q", w, got, want)
		}
	}
}

// goWord spells one word in Go case (appendGoWord), for the tests.
func goWord(w string) string { return string(appendGoWord(nil, w)) }

// splitWords splits an identifier-like string into the words nextWord
// finds, for the tests.
func splitWords(s string) []string {
	var words []string
	for i := 0; ; {
		start, end, ok := nextWord(s, i)
		if !ok {
			return words
		}
		words = append(words, s[start:end])
		i = end
	}
}
