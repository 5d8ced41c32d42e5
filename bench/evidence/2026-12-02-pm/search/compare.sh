#!/usr/bin/env bash
# compare.sh DB: the pages of main's store and of this branch's store, for the same filters.
DB=$1
same=0; diff=0
while IFS= read -r a; do
  [ -z "$a" ] && continue
  o1=$(eval /tmp/psearch-plan-main -db "$DB" $a -plans=false | tail -n +2)
  o2=$(eval /tmp/psearch-plan -db "$DB" $a -plans=false | tail -n +2)
  n=$(printf '%s\n' "$o1" | grep -c .)
  if [ "$o1" = "$o2" ]; then same=$((same+1)); echo "same ($n rows): $a"; else diff=$((diff+1)); echo "DIFFERENT: $a"; diff <(echo "$o1") <(echo "$o2") | head -5; fi
done <<'Q'
-q abduaya
-q semlov
-q cooperation
-q semlov -country AZ
-q semlov -country UZ
-q semlov -country BJ
-q semlov -country UZ,BJ
-q semlov -country UZ -partner AZ
-q semlov -partner AZ
-q abduaya -country AZ
-q semlov -sort date
-q abduaya -sort date
-q semlov -country AZ -sort date
-q semlov -from 2016 -to 2016
-q semlov -country AZ -from 2010 -to 2012
-q semlov -after-key 2016-02-29 -after-id 00000000-0000-0000-0000-000000000000
-q semlov -country AZ -after-key 2012-06-01 -after-id ffffffff-ffff-ffff-ffff-ffffffffffff
-q cooperation -country BJ
-q tursunov
-q abbtin
-q "semlov or abduaya"
-country UZ -partner AZ
-topic other
-kind state_visit
-country AZ -kind state_visit
-country UZ
Q
echo "same $same, different $diff"
